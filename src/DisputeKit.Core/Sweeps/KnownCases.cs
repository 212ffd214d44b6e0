using DisputeKit.Core.Cases;
using DisputeKit.Core.Economics;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// What a sweep keeps of the stored cases, read one at a time: each case's state (for the
/// summary), the charges they dispute, the win rates their outcomes teach, and the cases that
/// cannot be read — never the cases themselves, so a store of ten thousand cases costs a
/// sweep a dictionary, not ten thousand case records.
/// </summary>
public sealed class KnownCases
{
    private KnownCases(Dictionary<string, CaseState> states, HashSet<string> chargeIds, WinRates rates, IReadOnlyList<UnreadableCase> unreadable)
    {
        States = states;
        ChargeIds = chargeIds;
        Rates = rates;
        Unreadable = unreadable;
    }

    /// <summary>Each stored case's state, by dispute id.</summary>
    public IReadOnlyDictionary<string, CaseState> States { get; }

    /// <summary>The charges the stored cases dispute.</summary>
    public IReadOnlySet<string> ChargeIds { get; }

    public WinRates Rates { get; }

    public IReadOnlyList<UnreadableCase> Unreadable { get; }

    public static async Task<KnownCases> ScanAsync(ICaseStore store, EconomicsOptions economics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var states = new Dictionary<string, CaseState>(StringComparer.Ordinal);
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

            states[c.DisputeId] = c.State;
            if (c.ChargeId is { } charge)
            {
                charges.Add(charge);
            }

            learner.Learn(c);
        }

        return new KnownCases(states, charges, learner.Rates(), unreadable);
    }
}
