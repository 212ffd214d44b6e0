using System.Globalization;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Formatting;
using DisputeKit.Core.Submission;

namespace DisputeKit.Review;

/// <summary>
/// What the dispute queue asks for: a state (<c>open</c>, the default, is every case still
/// waiting on an answer or a person; <c>all</c>; or one state), a reason, a verdict, a deadline
/// within so many days, and a page.
/// </summary>
public sealed record DisputeQuery(string State = DisputeQuery.OpenCases, string? Reason = null, string? Verdict = null, string? Due = null, int Page = 1)
{
    public const string OpenCases = "open";
    public const string AllCases = "all";
    public const int PageSize = 50;

    /// <summary>The deadline windows offered, in days.</summary>
    public static IReadOnlyList<(string Value, string Label)> DueWindows { get; } =
        [("1", "within 24 hours"), ("2", "within 2 days"), ("7", "within 7 days"), ("30", "within 30 days")];

    /// <summary>States that still wait on finance: anything not yet answered, accepted or skipped.</summary>
    public static bool IsOpen(CaseState state) => state is not (CaseState.Submitted or CaseState.Accepted or CaseState.Skipped);

    /// <summary>Reads the query string; a value that is not one of the choices is named.</summary>
    public static (DisputeQuery? Query, string? Problem) Parse(Microsoft.AspNetCore.Http.IQueryCollection q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var state = q["state"].ToString() is { Length: > 0 } s ? s : OpenCases;
        if (state is not (OpenCases or AllCases) && !Enum.GetValues<CaseState>().Any(c => CaseStateNames.Name(c) == state))
        {
            return (null, $"There is no case state '{state}'; choose open, all or one of {string.Join(", ", Enum.GetValues<CaseState>().Select(CaseStateNames.Name))}.");
        }

        var due = q["due"].ToString() is { Length: > 0 } d ? d : null;
        if (due is not null && !DueWindows.Any(w => w.Value == due))
        {
            return (null, $"'{due}' is not a deadline window; choose {string.Join(", ", DueWindows.Select(w => w.Value))} days.");
        }

        var page = 1;
        if (q["page"].ToString() is { Length: > 0 } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return (null, $"'{p}' is not a page number.");
        }

        return (new DisputeQuery(state, Text(q["reason"]), Text(q["verdict"]), due, page), null);

        static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } t ? t : null;
    }

    public bool Matches(CaseRow row, DateTimeOffset now) =>
        (State == AllCases || (State == OpenCases ? IsOpen(row.State) : CaseStateNames.Name(row.State) == State))
        && (Reason is null || row.Reason == Reason)
        && (Verdict is null || row.Verdict == Verdict)
        && (Due is null || (row.DueBy is { } due && due > now && due - now <= TimeSpan.FromDays(int.Parse(Due, CultureInfo.InvariantCulture))));

    /// <summary>The query string of this query on another page (empty values left out).</summary>
    public string Link(int page)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("state", State == OpenCases ? null : State);
        Add("reason", Reason);
        Add("verdict", Verdict);
        Add("due", Due);
        Add("page", page == 1 ? null : page.ToString(CultureInfo.InvariantCulture));
        return "/disputes" + (parts.Count > 0 ? "?" + string.Join('&', parts) : string.Empty);
    }
}

/// <summary>The dispute queue: every case as a row from the case store, the most urgent deadline first.</summary>
public sealed class DisputeQueue(ICaseStore cases, Microsoft.Extensions.Options.IOptions<SubmissionOptions> submission, TimeProvider clock)
{
    public async Task<DisputeQueuePage> PageAsync(DisputeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetUtcNow();
        var all = await cases.RowsAsync(cancellationToken);
        var chosen = all.Rows.Where(r => query.Matches(r, now)).ToList();

        // Deadlines still ahead first, soonest first; then those passed (most recent first), then cases with none.
        chosen.Sort((a, b) =>
        {
            var (ka, kb) = (Key(a, now), Key(b, now));
            var c = ka.Group.CompareTo(kb.Group);
            c = c != 0 ? c : ka.Ticks.CompareTo(kb.Ticks);
            return c != 0 ? c : string.CompareOrdinal(a.DisputeId, b.DisputeId);
        });

        var pages = Math.Max(1, (chosen.Count + DisputeQuery.PageSize - 1) / DisputeQuery.PageSize);
        var page = Math.Min(query.Page, pages);
        var rows = chosen.Skip((page - 1) * DisputeQuery.PageSize).Take(DisputeQuery.PageSize)
            .Select(r => Row(r, now, submission.Value)).ToList();
        return new DisputeQueuePage
        {
            Rows = rows,
            Shown = chosen.Count,
            Total = all.Rows.Count,
            AtStake = AtStake(chosen),
            Urgent = chosen.Count(r => SubmissionPolicy.IsUrgent(r.State, r.DueBy, now, submission.Value)),
            Page = page,
            Pages = pages,
            Previous = page > 1 ? query.Link(page - 1) : null,
            Next = page < pages ? query.Link(page + 1) : null,
            States =
            [
                new Choice(DisputeQuery.OpenCases, "waiting on an answer", query.State == DisputeQuery.OpenCases),
                new Choice(DisputeQuery.AllCases, "all", query.State == DisputeQuery.AllCases),
                .. Enum.GetValues<CaseState>().Select(s => new Choice(CaseStateNames.Name(s), CaseStateNames.Label(s), CaseStateNames.Name(s) == query.State)),
            ],
            Reasons = [new Choice(string.Empty, "any reason", query.Reason is null), .. all.Rows.Select(r => r.Reason).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(r => new Choice(r, r, r == query.Reason))],
            Verdicts = [new Choice(string.Empty, "any verdict", query.Verdict is null), .. all.Rows.Select(r => r.Verdict).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(v => new Choice(v, v, v == query.Verdict))],
            DueWindows = [new Choice(string.Empty, "any deadline", query.Due is null), .. DisputeQuery.DueWindows.Select(w => new Choice(w.Value, w.Label, w.Value == query.Due))],
            Unreadable = [.. all.Unreadable.Select(u => $"{u.DisputeId}: {u.Problem}")],
        };
    }

    private static (int Group, long Ticks) Key(CaseRow row, DateTimeOffset now) => row.DueBy switch
    {
        { } due when due > now => (0, due.UtcTicks),
        { } due => (1, -due.UtcTicks),
        null => (2, 0),
    };

    private static QueueRow Row(CaseRow r, DateTimeOffset now, SubmissionOptions submission) => new(
        r.DisputeId,
        DisputePages.CaseUrl(r.DisputeId),
        Countdown(r.DueBy, now),
        r.DueBy is { } due ? Formats.Stamp(due) : null,
        SubmissionPolicy.IsUrgent(r.State, r.DueBy, now, submission),
        Formats.Amount(r.Amount, r.Currency),
        r.Reason,
        r.Verdict,
        CaseStateNames.Name(r.State),
        CaseStateNames.Label(r.State),
        r.ExpectedGain is { } gain ? Formats.Amount(gain, r.Currency) : null,
        r.WinChance is { } win ? string.Create(CultureInfo.InvariantCulture, $"{win:P0}") : null,
        r.OnHold);

    /// <summary>Days and hours left (<c>3d 4h</c>), <c>past due</c>, or null without a deadline.</summary>
    public static string? Countdown(DateTimeOffset? dueBy, DateTimeOffset now)
    {
        if (dueBy is not { } due)
        {
            return null;
        }

        if (due <= now)
        {
            return "past due";
        }

        var left = due - now;
        return left.TotalHours < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)left.TotalMinutes)}m left")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalDays}d {left.Hours}h left");
    }

    private static string AtStake(IEnumerable<CaseRow> rows) =>
        string.Join(", ", rows.GroupBy(r => r.Currency, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Formats.Amount(g.Sum(r => r.Amount), g.Key))) is { Length: > 0 } text ? text : "nothing";
}

/// <summary>
/// Reads the queue's rows once when the app starts, so that the first person to open the queue
/// does not wait for every case file to be read (about half a second at 10,000 cases); the store
/// keeps them and reads only what changed afterwards. A failure here is logged; the queue reads again when asked.
/// </summary>
public sealed partial class QueueWarmup(ICaseStore cases, Microsoft.Extensions.Logging.ILogger<QueueWarmup> logger) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var rows = await cases.RowsAsync(stoppingToken);
            Log.Warmed(logger, rows.Rows.Count, rows.Unreadable.Count);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Log.WarmupFailed(logger, e.GetType().Name, e.Message);
        }
    }

    private static partial class Log
    {
        [Microsoft.Extensions.Logging.LoggerMessage(EventId = 1308, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Disputes: the queue read {Cases} case(s) ({Unreadable} unreadable)")]
        public static partial void Warmed(Microsoft.Extensions.Logging.ILogger logger, int cases, int unreadable);

        [Microsoft.Extensions.Logging.LoggerMessage(EventId = 1309, Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Disputes: the queue could not read the cases at start ({Error}: {Message}); it reads them when first asked")]
        public static partial void WarmupFailed(Microsoft.Extensions.Logging.ILogger logger, string error, string message);
    }
}
