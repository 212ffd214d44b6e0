using DisputeKit.Core.Accounts;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Submission;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// One dispute's facts, gathered once for a piece of work, and what is built from them once:
/// the verdict, the flag decision, the cover letter, and the pack model of each trim level —
/// so the pack, the documents beside it and Stripe's text fields all come from the same
/// objects.
/// </summary>
public sealed class CaseEvidence
{
    private readonly RefundPolicy _policy;
    private readonly Branding _branding;
    private readonly Dictionary<(int Level, DateTimeOffset At), PackModel> _models = [];
    private CoverLetter? _letter;

    public CaseEvidence(EvidenceBundle bundle, RefundPolicy policy, Branding branding)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        _policy = policy;
        _branding = branding;
        Bundle = bundle;
        Verdict = PolicyEngine.Evaluate(bundle, policy);
        Flag = FlagPolicy.Decide(bundle, Verdict, policy);
    }

    public EvidenceBundle Bundle { get; }

    public Verdict Verdict { get; }

    public FlagDecision Flag { get; }

    public CoverLetter Letter => _letter ??= EvidenceComposer.CoverLetter(Bundle, Verdict, _policy);

    /// <summary>The pack model shortened to <paramref name="trim"/>, as of <paramref name="at"/>; built once per level and time.</summary>
    public PackModel Model(PackTrim trim, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(trim);
        if (!_models.TryGetValue((trim.Level, at), out var model))
        {
            model = PackModelBuilder.Build(Bundle, Verdict, _policy, _branding, at, trim, Letter);
            _models[(trim.Level, at)] = model;
        }

        return model;
    }

    /// <summary>Stripe's evidence fields for the dispute, with <paramref name="files"/> (field → file id).</summary>
    public EvidenceUpdate Compose(IReadOnlyDictionary<string, string> files) => EvidenceComposer.Compose(Bundle, Verdict, _policy, files, Letter);
}

/// <summary>Gathers a dispute's <see cref="CaseEvidence"/>: its charge (as listed, else read from Stripe) and the seller's records.</summary>
public sealed class CaseEvidenceSource(IDisputeGateway gateway, EvidenceGatherer gatherer, RefundPolicy policy, Branding branding)
{
    /// <param name="disputedCharges">Charges known to be disputed, so none of them counts as a prior undisputed order.</param>
    public async Task<CaseEvidence> GatherAsync(Dispute dispute, IReadOnlySet<string> disputedCharges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var charge = dispute.Charge ?? await gateway.GetChargeAsync(dispute.ChargeId, cancellationToken);
        var bundle = await gatherer.GatherAsync(dispute, charge, disputedCharges, cancellationToken);
        return new CaseEvidence(bundle, policy, branding);
    }
}
