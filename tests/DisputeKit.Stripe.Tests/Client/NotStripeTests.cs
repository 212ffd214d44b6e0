using DisputeKit.Core.Disputes;
using DisputeKit.Stripe.Client;
using DisputeKit.Stripe.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace DisputeKit.Stripe.Tests.Client;

/// <summary>
/// Something in front of Stripe answers instead of it — a proxy's HTML error page, an answer cut
/// off mid-way: the client says so as a Stripe failure (the command line's exit 3), naming the
/// request and never printing what came back.
/// </summary>
public sealed class NotStripeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("text/html", "<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>")]
    [InlineData("application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"dp_1\",\"amou")]
    [InlineData("application/json", "[1,2,3]")]
    public async Task AnswerThatIsNotStripesJson_StripeException_NamesTheRequest_ShowsNothingOfIt(string contentType, string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync(Ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var client = StripeHttp.CreateGateway(new StripeOptions { ApiKey = FakeStripe.Key, ApiBase = address, FilesBase = address, MaxRetries = 0 });

        var refused = await Should.ThrowAsync<StripeException>(async () =>
        {
            await foreach (var _ in client.ListDisputesAsync(Ct))
            {
            }
        });

        refused.Message.ShouldContain("GET /v1/disputes");
        refused.Message.ShouldNotContain("html", Case.Insensitive);
        refused.Message.ShouldNotContain("amou");
        refused.Message.ShouldNotContain("1,2,3");
        await Should.ThrowAsync<StripeException>(() => client.GetDisputeAsync("dp_1", Ct));
        await app.StopAsync(Ct);
    }
}
