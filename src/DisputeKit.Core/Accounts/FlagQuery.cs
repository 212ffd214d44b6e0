namespace DisputeKit.Core.Accounts;

/// <summary>
/// Which flags to show and in what order: by state, by the reason of a dispute behind them, and
/// by age; the most money at stake first. The review page and <c>flags list</c> both ask through here.
/// </summary>
public sealed record FlagQuery(string? State = null, string? Reason = null, string? Age = null)
{
    /// <summary><c>open</c> is proposed or confirmed; empty or <c>all</c> is every flag.</summary>
    public static IReadOnlyList<string> States { get; } = ["open", .. FlagStates.All, "all"];

    /// <summary>Flag age bands: under 7 days, 7 to 30 days, over 30 days.</summary>
    public static IReadOnlyList<string> Ages { get; } = ["under-7", "7-30", "over-30"];

    /// <summary>What is wrong with the query, or null.</summary>
    public string? Problem() =>
        !string.IsNullOrEmpty(State) && !States.Contains(State) ? $"Unknown flag state '{State}': use one of {string.Join(", ", States)}."
        : !string.IsNullOrEmpty(Age) && !Ages.Contains(Age) ? $"Unknown age '{Age}': use one of {string.Join(", ", Ages)} (days)."
        : null;

    /// <summary>Money at stake on a flag: the disputed amounts behind it, in minor units.</summary>
    public static long AtStake(AccountFlag flag) => flag.Disputes.Sum(d => d.Amount);

    public IReadOnlyList<AccountFlag> Apply(IEnumerable<AccountFlag> flags, DateTimeOffset now) =>
    [
        .. flags.Where(f => MatchesState(f) && MatchesReason(f) && MatchesAge(f, now))
            .OrderByDescending(AtStake)
            .ThenBy(f => f.CreatedAt)
            .ThenBy(f => f.CustomerId, StringComparer.Ordinal),
    ];

    private bool MatchesState(AccountFlag flag) => State switch
    {
        null or "" or "all" => true,
        "open" => flag.IsOpen,
        _ => flag.State == State,
    };

    private bool MatchesReason(AccountFlag flag) =>
        string.IsNullOrEmpty(Reason) || flag.Disputes.Any(d => string.Equals(d.DisputeReason, Reason, StringComparison.Ordinal));

    private bool MatchesAge(AccountFlag flag, DateTimeOffset now)
    {
        var days = (now - flag.CreatedAt).TotalDays;
        return Age switch
        {
            "under-7" => days < 7,
            "7-30" => days is >= 7 and <= 30,
            "over-30" => days > 30,
            _ => true,
        };
    }
}
