using DisputeKit.Core.Cases;
using DisputeKit.Core.Submission;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Shouldly;

namespace DisputeKit.Review.Tests;

/// <summary>The dispute queue's order, filters, totals and pages, over rows a case store gives.</summary>
public sealed class DisputeQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private sealed class Clock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A case store that has only rows: the queue asks for nothing else.</summary>
    private sealed class Rows(params CaseRow[] rows) : ICaseStore
    {
        public Task<CaseRows> RowsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new CaseRows(rows, [new UnreadableCase("dp_bad", "Case file dp_bad.json is not a valid case record")]));

        public Task<DisputeCase?> GetAsync(string disputeId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveAsync(DisputeCase disputeCase, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IAsyncEnumerable<StoredCase> ScanAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string> SavePackAsync(string disputeId, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<byte[]?> ReadPackAsync(string disputeId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IAsyncDisposable?> TryClaimAsync(string disputeId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static CaseRow Row(string id, CaseState state, double? dueInHours, long amount = 1_000, string currency = "eur", string reason = "fraudulent", string? verdict = "fight") => new()
    {
        DisputeId = id,
        State = state,
        Reason = reason,
        Status = "needs_response",
        Amount = amount,
        Currency = currency,
        DueBy = dueInHours is { } h ? Now.AddHours(h) : null,
        Verdict = verdict,
    };

    private static DisputeQueue Queue(params CaseRow[] rows) =>
        new(new Rows(rows), Microsoft.Extensions.Options.Options.Create(new SubmissionOptions { MarginHours = 48 }), new Clock());

    private static DisputeQuery Query(params (string Key, string Value)[] fields)
    {
        var (query, problem) = DisputeQuery.Parse(new QueryCollection(fields.ToDictionary(f => f.Key, f => new StringValues(f.Value))));
        problem.ShouldBeNull();
        return query!;
    }

    [Fact]
    public async Task Page_DeadlinesAheadSoonestFirst_ThenPassed_ThenNone_OpenOnlyByDefault_Totalled()
    {
        var queue = Queue(
            Row("dp_none", CaseState.SetAside, null, 500),
            Row("dp_late", CaseState.Staged, 300, 2_000, "gbp"),
            Row("dp_past", CaseState.SetAside, -5),
            Row("dp_soon_b", CaseState.Staged, 20),
            Row("dp_soon_a", CaseState.Decided, 20),
            Row("dp_sent", CaseState.Submitted, 10),
            Row("dp_kept", CaseState.Accepted, 15));

        var page = await queue.PageAsync(Query(), CancellationToken.None);

        page.Rows.Select(r => r.DisputeId).ShouldBe(["dp_soon_a", "dp_soon_b", "dp_late", "dp_past", "dp_none"]);
        page.Shown.ShouldBe(5);
        page.Total.ShouldBe(7);
        page.Urgent.ShouldBe(2);
        page.Rows[0].Urgent.ShouldBeTrue();
        page.Rows[0].Countdown.ShouldBe("0d 20h left");
        page.Rows[2].Countdown.ShouldBe("12d 12h left");
        page.Rows[3].Countdown.ShouldBe("past due");
        page.Rows[4].Countdown.ShouldBeNull();
        page.AtStake.ShouldBe($"{DisputeKit.Core.Formatting.Formats.Amount(3_500, "eur")}, {DisputeKit.Core.Formatting.Formats.Amount(2_000, "gbp")}");
        page.Unreadable.ShouldHaveSingleItem().ShouldContain("dp_bad");

        (await queue.PageAsync(Query(("state", "all")), CancellationToken.None)).Shown.ShouldBe(7);
        (await queue.PageAsync(Query(("state", "submitted")), CancellationToken.None)).Rows.ShouldHaveSingleItem().DisputeId.ShouldBe("dp_sent");
        (await queue.PageAsync(Query(("due", "1")), CancellationToken.None)).Rows.Select(r => r.DisputeId).ShouldBe(["dp_soon_a", "dp_soon_b"]);
    }

    [Fact]
    public async Task Page_ReasonAndVerdictFilters_AndPagesOfFifty_LinksKeepTheFilter()
    {
        var rows = Enumerable.Range(0, 120).Select(i => Row($"dp_{i:000}", CaseState.Staged, 10 + i, reason: i % 2 == 0 ? "fraudulent" : "product_not_received", verdict: i % 3 == 0 ? "review" : "fight")).ToArray();
        var queue = Queue(rows);

        var first = await queue.PageAsync(Query(("reason", "fraudulent")), CancellationToken.None);
        first.Shown.ShouldBe(60);
        first.Pages.ShouldBe(2);
        first.Rows.Count.ShouldBe(50);
        first.Previous.ShouldBeNull();
        first.Next.ShouldBe("/disputes?reason=fraudulent&page=2");
        first.Reasons.Single(c => c.Selected).Value.ShouldBe("fraudulent");

        var second = await queue.PageAsync(Query(("reason", "fraudulent"), ("page", "2")), CancellationToken.None);
        second.Rows.Count.ShouldBe(10);
        second.Rows[^1].DisputeId.ShouldBe("dp_118");
        second.Previous.ShouldBe("/disputes?reason=fraudulent");

        // A page past the last shows the last.
        (await queue.PageAsync(Query(("reason", "fraudulent"), ("page", "9")), CancellationToken.None)).Page.ShouldBe(2);
        (await queue.PageAsync(Query(("verdict", "review"), ("reason", "fraudulent")), CancellationToken.None)).Shown.ShouldBe(20);
    }

    [Theory]
    [InlineData("state", "won", "There is no case state 'won'")]
    [InlineData("due", "3", "'3' is not a deadline window")]
    [InlineData("page", "0", "'0' is not a page number")]
    [InlineData("page", "-1", "'-1' is not a page number")]
    public void Parse_AValueThatIsNoChoice_Named(string key, string value, string message)
    {
        var (query, problem) = DisputeQuery.Parse(new QueryCollection(new Dictionary<string, StringValues> { [key] = value }));

        query.ShouldBeNull();
        problem!.ShouldContain(message);
    }
}
