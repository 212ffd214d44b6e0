using DisputeKit.Core.Cases;
using DisputeKit.Core.Economics;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// What a sweep keeps of the stored cases, read one at a time: how many are in each state (for
/// the summary), the charges they dispute when asked (no disputed order counts as a prior
/// undisputed one), the win rates their outcomes teach, and the cases that cannot be read —
/// never the cases themselves, nor anything per case but those charge ids.
/// </summary>
public sealed class KnownCases
{
    private KnownCases(IReadOnlyDictionary<CaseState, int> states, HashSet<string> chargeIds, WinRates rates, IReadOnlyList<UnreadableCase> unreadable)
    {
        CasesByState = states;
        ChargeIds = chargeIds;
        Rates = rates;
        Unreadable = unreadable;
    }

    /// <summary>How many stored cases are in each state.</summary>
    public IReadOnlyDictionary<CaseState, int> CasesByState { get; }

    /// <summary>The charges the stored cases dispute.</summary>
    public IReadOnlySet<string> ChargeIds { get; }

    public WinRates Rates { get; }

    public IReadOnlyList<UnreadableCase> Unreadable { get; }

    public static Task<KnownCases> ScanAsync(ICaseStore store, EconomicsOptions economics, CancellationToken cancellationToken) =>
        ScanAsync(store, economics, charges: true, cancellationToken);

    /// <param name="charges">
    /// Whether to keep the charges the cases dispute: a webhook or a warning needs them, a sweep
    /// does not (Stripe's listing, which it has, names every dispute's charge).
    /// </param>
    public static async Task<KnownCases> ScanAsync(ICaseStore store, EconomicsOptions economics, bool charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var states = new Dictionary<CaseState, int>();
        var chargeIds = new HashSet<string>(StringComparer.Ordinal);
        var learner = new WinRates.Learner(economics);
        var unreadable = new List<UnreadableCase>();
        await foreach (var stored in store.ScanAsync(cancellationToken))
        {
            if (stored.Case is not { } c)
            {
                unreadable.Add(new UnreadableCase(stored.DisputeId, stored.Problem ?? "unreadable"));
                continue;
            }

            states[c.State] = states.GetValueOrDefault(c.State) + 1;
            if (charges && c.ChargeId is { } charge)
            {
                chargeIds.Add(charge);
            }

            learner.Learn(c);
        }

        return new KnownCases(states, chargeIds, learner.Rates(), unreadable);
    }
}
