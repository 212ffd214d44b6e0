using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Policies;

using DisputeKit.Testing;

namespace DisputeKit.Core.Tests.Builders;

internal static class Bundles
{
    public static RefundPolicy Policy { get; } = RefundPolicyLoader.Load(RepoPaths.Templates, "viplikes-refund");

    public static async Task<EvidenceBundle> GatherAsync(Records records, Dispute dispute) =>
        await new EvidenceGatherer(records.Store, new DisputeMatcher(records.Store))
            .GatherAsync(dispute, null, new HashSet<string>(), T.Ct);
}
