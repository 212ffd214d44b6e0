using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using DisputeKit.MerchantData.Files;

namespace DisputeKit.Core.Tests.Configuration;

public sealed class CoreServicesTests
{
    [Theory]
    [InlineData("viplikes-refund", 30)]  // orders without their own refill period get the policy's 30-day guarantee
    [InlineData("short-refund", 0)]      // the short policy gives no drop guarantee
    public void Gatherer_DefaultRefillPeriod_ComesFromThePolicy(string policyId, double expectedDays)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DisputeKit:TemplatesPath"] = RepoPaths.Templates,
            ["DisputeKit:PolicyId"] = policyId,
        }).Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IMerchantRecords>(new InMemoryMerchantRecords())
            .AddDisputeKitCore()
            .BuildServiceProvider();

        services.GetRequiredService<EvidenceGatherer>().DefaultRefillDays.ShouldBe(expectedDays);
    }
}
