using DisputeKit.Core.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace DisputeKit.Support.Tests;

public sealed class SupportSourcesConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void AddSupportSources_AMailbox_OneSourceNamedByItsAddress()
    {
        var services = new ServiceCollection().AddSupportSources(Config(
            ("DisputeKit:Support:Sources:0:Kind", "imap"),
            ("DisputeKit:Support:Sources:0:Address", "help@shop.example"),
            ("DisputeKit:Support:Sources:0:Host", "imap.shop.example")));

        using var provider = services.BuildServiceProvider();
        provider.GetServices<ISupportSource>().Select(s => s.Name).ShouldBe(["mailbox help@shop.example"]);
    }

    [Fact]
    public void AddSupportSources_AMailboxAndAHelpdesk_BothSources()
    {
        var services = new ServiceCollection().AddSupportSources(Config(
            ("DisputeKit:Support:Sources:0:Kind", "imap"),
            ("DisputeKit:Support:Sources:0:Address", "help@shop.example"),
            ("DisputeKit:Support:Sources:0:Host", "imap.shop.example"),
            ("DisputeKit:Support:Sources:1:Kind", "zendesk"),
            ("DisputeKit:Support:Sources:1:Url", "https://shop.zendesk.com"),
            ("DisputeKit:Support:Sources:1:Email", "agent@shop.example"),
            ("DisputeKit:Support:Sources:2:Kind", "records")));

        using var provider = services.BuildServiceProvider();
        provider.GetServices<ISupportSource>().Select(s => s.Name).ShouldBe(["mailbox help@shop.example", "helpdesk shop.zendesk.com"]);
    }

    [Fact]
    public void AddSupportSources_NoneListed_NoSource()
    {
        using var provider = new ServiceCollection().AddSupportSources(Config()).BuildServiceProvider();
        provider.GetServices<ISupportSource>().ShouldBeEmpty();
    }

    [Fact]
    public void AddSupportSources_BadEntries_EachNamedWithItsPlace()
    {
        var e = Should.Throw<InvalidOperationException>(() => new ServiceCollection().AddSupportSources(Config(
            ("DisputeKit:Support:Sources:0:Kind", "pop3"),
            ("DisputeKit:Support:Sources:1:Kind", "imap"),
            ("DisputeKit:Support:Sources:1:Address", "not-an-address"),
            ("DisputeKit:Support:Sources:1:Host", "imap.shop.example"),
            ("DisputeKit:Support:Sources:1:Security", "maybe"),
            ("DisputeKit:Support:Sources:2:Address", "x@shop.example"),
            ("DisputeKit:Support:Sources:3:Kind", "zendesk"),
            ("DisputeKit:Support:Sources:3:Url", "shop.zendesk.com"))));

        e.Message.ShouldContain("DisputeKit:Support:Sources:0:Kind 'pop3' is not a support source DisputeKit reads (imap, zendesk or records)");
        e.Message.ShouldContain("DisputeKit:Support:Sources:1:Address must be the support mailbox's address");
        e.Message.ShouldContain("DisputeKit:Support:Sources:1:Security must be ssl, starttls or none, not 'maybe'");
        e.Message.ShouldContain("DisputeKit:Support:Sources:2:Kind is missing");
        e.Message.ShouldContain("DisputeKit:Support:Sources:3:Url must be the helpdesk's address");
    }
}
