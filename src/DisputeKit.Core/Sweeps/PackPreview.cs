using DisputeKit.Core.Disputes;
using DisputeKit.Core.Rendering;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// A document for one dispute (the pack, or the transcript or policy sent beside it), rendered
/// from the records as they are now and within the whole budget, exactly as the sweep would —
/// without changing the case or sending anything.
/// </summary>
public sealed class PackPreview(IDisputeGateway gateway, CaseEvidenceSource evidence, PackBudget budget, TimeProvider clock)
{
    public async Task<RenderedPack> RenderAsync(string disputeId, PackDocument document, CancellationToken cancellationToken)
    {
        var dispute = await gateway.GetDisputeAsync(disputeId, cancellationToken);
        var disputedCharges = new HashSet<string>(StringComparer.Ordinal) { dispute.ChargeId };
        await foreach (var other in gateway.ListDisputesAsync(cancellationToken))
        {
            disputedCharges.Add(other.ChargeId);
        }

        var gathered = await evidence.GatherAsync(dispute, disputedCharges, cancellationToken);
        var now = clock.GetUtcNow();
        return await budget.RenderAsync(trim => gathered.Model(trim, now), document, PackBudget.Spent.None, PackBudget.Tighter.None, cancellationToken);
    }
}
