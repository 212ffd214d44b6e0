using DisputeKit.Core.Cases;
using DisputeKit.Core.Economics;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// What a sweep keeps of the stored cases, read one at a time: how many are in each state (for
/// the summary), the charges they dispute (no disputed order counts as a prior undisputed one),
/// the win rates their outcomes teach, and the cases that cannot be read — never the cases
/// themselves, nor anything per case but the charge id.
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

    public static async Task<KnownCases> ScanAsync(ICaseStore store, EconomicsOptions economics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var states = new Dictionary<CaseState, int>();
        var charges = new HashSet<string>(StringComparer.Ordinal);
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
            if (c.ChargeId is { } charge)
            {
                charges.Add(charge);
            }

            learner.Learn(c);
        }

        return new KnownCases(states, charges, learner.Rates(), unreadable);
    }
}
