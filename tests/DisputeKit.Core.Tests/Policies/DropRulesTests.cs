using DisputeKit.Core.Disputes;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Policies;

/// <summary>
/// The viplikes policy's drop rules (§5) as written, one row per rule and boundary: an order of
/// 1,000 units for 100.00 EUR, started at a count of 500 and completed at 1,500 on day 1, with
/// the 30-day guarantee ending on day 31. Below the starting count: no refund; inside the
/// guarantee: a refill, refundable only when the guarantee ended without it; after it: 10% or
/// less nothing, more the partial rule for the delivered units dropped.
/// </summary>
public sealed class DropRulesTests
{
    public static TheoryData<string, (double Hours, string Type, long? Delivered, long? Observed)[], double, VerdictKind, long?, string, string> Rows => new()
    {
        { "refilled inside the guarantee", [(24 * 10, "drop_detected", 1000, 1300), (24 * 11, "refill_completed", 1000, 1500)], 45, VerdictKind.Fight, null, RuleKeys.DropGuarantee, "was refilled" },
        { "not refilled, the guarantee still running: a refill is owed", [(24 * 10, "drop_detected", 1000, 1300)], 20, VerdictKind.Fight, null, RuleKeys.DropGuarantee, "a refill is owed, not a refund" },
        { "not refilled, the guarantee ended the day before the dispute", [(24 * 10, "drop_detected", 1000, 1300)], 32, VerdictKind.Partial, 2_000, RuleKeys.DropGuarantee, "200 delivered units are refundable" },
        { "not refilled, dispute on the guarantee's last day", [(24 * 10, "drop_detected", 1000, 1300)], 30.9, VerdictKind.Fight, null, RuleKeys.DropGuarantee, "runs until" },
        { "dropped to the starting count exactly: every delivered unit lost, refundable", [(24 * 10, "drop_detected", 1000, 500)], 40, VerdictKind.Partial, 10_000, RuleKeys.PartialDelivery, "1000 delivered units are refundable" },
        { "one below the starting count: no refund", [(24 * 10, "drop_detected", 1000, 499)], 40, VerdictKind.Fight, null, RuleKeys.DropTolerance, "below where the campaign started (499 against 500)" },
        { "below the starting count after the guarantee: no refund", [(24 * 40, "drop_detected", 1000, 300)], 45, VerdictKind.Fight, null, RuleKeys.DropTolerance, "lower than when the campaign started" },
        { "10% after the guarantee: nothing owed", [(24 * 40, "drop_detected", 1000, 1400)], 45, VerdictKind.Fight, null, RuleKeys.DropTolerance, "the policy's tolerance is 10" },
        { "10.1% after the guarantee: the partial rule", [(24 * 40, "drop_detected", 1000, 1399)], 45, VerdictKind.Partial, 1_010, RuleKeys.PartialDelivery, "101 delivered units" },
        { "two drops inside the guarantee, one refilled: the other refundable once it ended", [(24 * 5, "drop_detected", 1000, 1400), (24 * 6, "refill_completed", 1000, 1500), (24 * 12, "drop_detected", 1000, 1450)], 35, VerdictKind.Partial, 500, RuleKeys.DropGuarantee, "50 delivered units are refundable" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task DropRule(string row, (double Hours, string Type, long? Delivered, long? Observed)[] drops, double disputeDay,
        VerdictKind kind, long? owed, string cites, string fact)
    {
        var records = new Records().With(new OrderBuilder().Build(), [.. Records.Completed, .. drops]);
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Reason(DisputeReason.ProductUnacceptable).Created(T.Day(disputeDay)).Build());

        var verdict = PolicyEngine.Evaluate(bundle, Bundles.Policy);

        verdict.Kind.ShouldBe(kind, row);
        verdict.AmountOwed.ShouldBe(owed, row);
        verdict.Rules.Select(r => r.Key).ShouldContain(cites, row);
        (verdict.Summary + " " + string.Join(" ", verdict.Facts)).ShouldContain(fact, Case.Sensitive, row);
        if (owed is { } amount)
        {
            amount.ShouldBeLessThanOrEqualTo(bundle.Dispute.Amount, row);
        }
    }

    [Fact]
    public async Task BigDropAfterTheGuarantee_APolicyWithoutAPartialRule_LeavesItToAPerson()
    {
        var records = new Records().With(new OrderBuilder().Build(), [.. Records.Completed, (24 * 40, "drop_detected", 1000, 1200)]);
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Reason(DisputeReason.ProductUnacceptable).Created(T.Day(45)).Build());
        var silent = Bundles.Policy with { Rules = Bundles.Policy.Rules.Where(r => r.Key != RuleKeys.PartialDelivery).ToDictionary() };

        var verdict = PolicyEngine.Evaluate(bundle, silent);

        verdict.Kind.ShouldBe(VerdictKind.Review);
    }
}
