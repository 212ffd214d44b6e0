namespace DisputeKit.SampleData.Generation;

/// <summary>How big a sample set to make. The defaults make the checked-in set under <c>samples/default</c>.</summary>
public sealed record SampleOptions
{
    public int Seed { get; init; } = 20261101;
    /// <summary>Customers of the base population (scenario customers come on top).</summary>
    public int Customers { get; init; } = 160;
    /// <summary>Orders of the base population (scenario orders come on top).</summary>
    public int Orders { get; init; } = 1000;
    /// <summary>Disputes; at least one per scenario, more cycle through the scenarios again.</summary>
    public int Disputes { get; init; } = Scenario.All.Count;
    /// <summary>Early fraud warnings on the seller's charges, cycling through the warning scenarios (refund owed, refund worth it, watch, no order, already disputed).</summary>
    public int Warnings { get; init; } = 5;
    /// <summary>
    /// Disputes already closed, opened over the year before <see cref="AsOf"/> and cycling through
    /// the scenarios that can be answered: fought ones won or lost, the rest lost unanswered,
    /// inquiries closed; each with the money Stripe moved. Their expectations are in
    /// <c>closed_scenarios.json</c>. Made after everything else, so adding them changes nothing
    /// that a seed made before.
    /// </summary>
    public int Closed { get; init; }
    /// <summary>The moment the sample set describes; the embedded default runs its clock at this time.</summary>
    public DateTimeOffset AsOf { get; init; } = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
}
