using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Economics;

namespace DisputeKit.Core.Sweeps;

/// <summary>What every dispute of one run shares: the disputed charges (so none counts as a prior undisputed order) and the win rates learned so far.</summary>
public sealed record SweepContext(IReadOnlySet<string> DisputedCharges, WinRates Rates)
{
    /// <summary>From the cases stored: the charges they dispute, and the win rates their outcomes teach.</summary>
    public static SweepContext Of(KnownCases known)
    {
        ArgumentNullException.ThrowIfNull(known);
        return new(known.ChargeIds, known.Rates);
    }
}

/// <summary>
/// One dispute being worked: the dispute as listed, the case as it stands, and its evidence,
/// gathered the first time a step needs it and then kept for the steps after.
/// </summary>
public sealed class CaseWork(Dispute listed, DisputeCase current, SweepContext context, CaseEvidenceSource source)
{
    private CaseEvidence? _evidence;

    public Dispute Listed { get; } = listed;

    public DisputeCase Case { get; set; } = current;

    public SweepContext Context { get; } = context;

    /// <summary>True once any step changed the case in this run.</summary>
    public bool Changed { get; set; }

    /// <summary>True when the decision proposed (or changed) a flag in this run.</summary>
    public bool Flagged { get; set; }

    public async ValueTask<CaseEvidence> EvidenceAsync(CancellationToken cancellationToken) =>
        _evidence ??= await source.GatherAsync(Listed, Context.DisputedCharges, cancellationToken);
}
