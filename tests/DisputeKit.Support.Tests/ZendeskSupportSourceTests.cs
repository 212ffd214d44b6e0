using DisputeKit.Core.Merchant;
using DisputeKit.Core.Support;
using DisputeKit.Support.Zendesk;
using Shouldly;

namespace DisputeKit.Support.Tests;

/// <summary>The helpdesk read from a local fake of Zendesk's API on 127.0.0.1.</summary>
public sealed class ZendeskSupportSourceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 10, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly string _tokenVariable = "DK_TEST_ZENDESK_" + Guid.NewGuid().ToString("N");
    private readonly HttpClient _http = new();
    private ZendeskFake _zendesk = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _zendesk = await ZendeskFake.StartAsync();
        Environment.SetEnvironmentVariable(_tokenVariable, ZendeskFake.Token);
        _zendesk.User(1, "Jane.Doe@Mail.Example", "Jane Doe", externalId: "C100161");
        _zendesk.User(2, "bob@mail.example", "Bob");
        _zendesk.User(9, ZendeskFake.Agent, "Sam (agent)");
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_tokenVariable, null);
        _http.Dispose();
        await _zendesk.DisposeAsync();
    }

    private ZendeskSupportSource Source() => new(
        new ZendeskOptions { Url = _zendesk.Url.ToString(), Email = ZendeskFake.Agent, TokenVariable = _tokenVariable }, _http, TimeProvider.System);

    private static async Task<(List<SupportPage> Pages, List<SupportMessage> Messages)> ReadAsync(ZendeskSupportSource source, string? position)
    {
        var pages = new List<SupportPage>();
        await foreach (var page in source.ReadAsync(position, Ct))
        {
            pages.Add(page);
        }

        return (pages, [.. pages.SelectMany(p => p.Messages)]);
    }

    [Fact]
    public async Task Read_TicketsAndPublicComments_RequesterMappedByEmailAndExternalId_PagedByCursor()
    {
        _zendesk.Ticket(101, requester: 1, "Order VL-200153 not delivered");
        _zendesk.Comment(101, 1, author: 1, "My followers never came.", At);
        _zendesk.Comment(101, 2, author: 9, "Checking with the provider.", At.AddHours(1));
        _zendesk.Comment(101, 3, author: 9, "Internal: customer seems fine.", At.AddHours(2), isPublic: false);
        _zendesk.Comment(101, 4, author: 1, "Still nothing, see the screenshot.", At.AddHours(3), attachment: "screenshot.png");
        _zendesk.Ticket(102, requester: 2, "Hello");
        _zendesk.Comment(102, 5, author: 2, "A question.", At);
        _zendesk.Ticket(103, requester: 2, "Spam", status: "deleted");
        _zendesk.Comment(103, 6, author: 2, "Buy now!", At);

        var (pages, messages) = await ReadAsync(Source(), null);

        pages.Count.ShouldBe(2, "two tickets a page: the cursor is followed to the end of the stream");
        pages.Sum(p => p.NotContact).ShouldBe(1, "the deleted ticket");
        messages.Select(m => m.SourceId).ShouldBe(["ticket 101, comment 1", "ticket 101, comment 2", "ticket 101, comment 4", "ticket 102, comment 5"],
            "public comments only, every page of them");
        var first = messages[0];
        first.Direction.ShouldBe("inbound");
        first.Email.ShouldBe("jane.doe@mail.example");
        first.CustomerId.ShouldBe("C100161", "the requester's external id is the shop's customer id");
        first.Channel.ShouldBe("ticket");
        first.ThreadId.ShouldBe("ticket 101");
        first.OrderIds.ShouldBe(["VL-200153"]);
        first.Source.ShouldBe($"helpdesk {_zendesk.Url.Host}");
        messages[1].Direction.ShouldBe("outbound");
        messages[1].Agent.ShouldBe("Sam (agent)");
        messages[2].Attachments.ShouldBe(["screenshot.png"]);
        messages[3].CustomerId.ShouldBeNull();
        messages[3].Email.ShouldBe("bob@mail.example");

        // From the saved cursor: only what changed since.
        _zendesk.Comment(102, 7, author: 2, "Any news?", At.AddDays(1));
        _zendesk.Ticket(102, requester: 2, "Hello");
        var (_, since) = await ReadAsync(Source(), pages[^1].Position);
        since.Select(m => m.SourceId).ShouldBe(["ticket 102, comment 5", "ticket 102, comment 7"], "the changed ticket, read again whole");
    }

    [Fact]
    public async Task Read_TooManyRequests_WaitsAsRetryAfterSays_ThenGoesOn()
    {
        _zendesk.Ticket(101, requester: 1, "Hello");
        _zendesk.Comment(101, 1, author: 1, "A question.", At);
        _zendesk.TooManyRequests = 2;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (_, messages) = await ReadAsync(Source(), null);

        messages.ShouldHaveSingleItem().SourceId.ShouldBe("ticket 101, comment 1");
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9), "two waits of the second Retry-After asked for");
        _zendesk.Requests.Count(r => r.StartsWith("/api/v2/incremental", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task Read_StillTooManyRequestsAfterEveryAttempt_FailsNamingTheHelpdesk()
    {
        _zendesk.TooManyRequests = 100;
        var source = new ZendeskSupportSource(
            new ZendeskOptions { Url = _zendesk.Url.ToString(), Email = ZendeskFake.Agent, TokenVariable = _tokenVariable, Attempts = 2 }, _http, TimeProvider.System);

        var e = await Should.ThrowAsync<HttpRequestException>(async () => await ReadAsync(source, null));

        e.Message.ShouldContain($"helpdesk {_zendesk.Url.Host}");
        e.Message.ShouldContain("429");
    }

    [Fact]
    public async Task Read_NoTokenInTheEnvironment_SaysWhichVariable()
    {
        var source = new ZendeskSupportSource(
            new ZendeskOptions { Url = _zendesk.Url.ToString(), Email = ZendeskFake.Agent, TokenVariable = "DK_TEST_ZENDESK_UNSET" }, _http, TimeProvider.System);

        var e = await Should.ThrowAsync<InvalidOperationException>(async () => await ReadAsync(source, null));

        e.Message.ShouldContain("DK_TEST_ZENDESK_UNSET");
        _zendesk.Requests.ShouldBeEmpty();
    }
}
