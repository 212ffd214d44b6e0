using DisputeKit.Core.Accounts;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Submission;
using DisputeKit.Core.Tests.Builders;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Core.Tests.Policies;

/// <summary>
/// Every rule family of both seed policies (<c>../shared/policies/README.md</c>), one row per rule
/// and boundary, on both sides of it: the verdict, the amount owed, the flag proposed and the rule
/// the cover letter cites. Unless a row says otherwise: an order of 1,000 units for 100.00 EUR
/// placed at T0, started 6 h later at a count of 500 and completed on day 1 (30-day guarantee to
/// day 31), disputed on day 20 as not received, the customer never having written to support.
/// </summary>
public sealed class PolicyTableTests
{
    private static readonly RefundPolicy Viplikes = Bundles.Policy;
    private static readonly RefundPolicy Short = RefundPolicyLoader.Load(RepoPaths.Templates, "short-refund");

    /// <summary>One row: the shop's records, the dispute, and what the policy implies.</summary>
    public sealed record Row(string Name, RefundPolicy Policy, Func<Records> Shop, Dispute Dispute, VerdictKind Kind, long? Owed, string Flag, string Cites, string? Fact = null)
    {
        public override string ToString() => $"{Policy.Id}: {Name}";
    }

    private static readonly (double Hours, string Type, long? Delivered, long? Observed)[] Queued = [(0.1, "queued", 0, null)];

    private static Dispute Disputed(string reason = DisputeReason.ProductNotReceived, double day = 20, long amount = 10_000, string charge = "ch_test") =>
        new DisputeBuilder().Reason(reason).Created(T.Day(day)).Amount(amount).Charge(charge).Build();

    private static Func<Records> Shop(Order order, params (double, string, long?, long?)[] events) => () => new Records().With(order, events);

    private static Order Kind(string kind, double startedAfter) =>
        new OrderBuilder().Kind(kind).StartedAfter(startedAfter).Build() is var o ? o with { Service = o.Service with { StartWithinHours = null } } : null!;

    private static Func<Records> Started(string kind, double hours) =>
        Shop(Kind(kind, hours), (0.1, "queued", 0, null), (hours, "started", 0, 500), (90, "completed", 1000, 1500));

    private static Order Account => new OrderBuilder().Kind(ServiceKind.Account).Quantity(1).StartedAfter(2).Build();

    private static Func<Records> Subscribed(double messageHoursAfterLatest = -1, string body = "Please cancel my subscription.") => () =>
    {
        var records = new Records();
        records.Store.Add(new Subscription
        {
            Id = "SUB-1",
            CustomerId = "C1",
            Status = "active",
            CreatedAt = T.Day(-30),
            Interval = "month",
            Renewals =
            [
                new SubscriptionRenewal { At = T.Day(-30), Amount = 1_500, Currency = "eur", StripeChargeId = "ch_r1" },
                new SubscriptionRenewal { At = T.Zero, Amount = 1_500, Currency = "eur", StripeChargeId = "ch_r2" },
            ],
        });
        if (messageHoursAfterLatest >= 0)
        {
            records.Message("m1", "inbound", T.Hour(messageHoursAfterLatest), body: body);
        }

        return records;
    };

    private static Func<Records> Written(Func<Records> shop, double hoursAfterOrder, string body = "Where is my order?") =>
        () => shop().Message("m1", "inbound", T.Hour(hoursAfterOrder), ["VL-1"], body: body);

    private static Func<Records> Refunded(Func<Records> shop, long amount) => () =>
    {
        var records = shop();
        records.Store.Add(new Refund { Id = "R-1", OrderId = "VL-1", At = T.Day(5), Amount = amount, Currency = "eur" });
        return records;
    };

    private static Func<Records> Drops(params (double, string, long?, long?)[] events) => Shop(new OrderBuilder().Build(), [.. Records.Completed, .. events]);

    private static Func<Records> Delivered(long delivered, string status) =>
        Shop(new OrderBuilder().Delivered(delivered, status).Build(), (0.1, "queued", 0, null), (6, "started", 0, 500), (30, status == "in_progress" ? "progress" : "partial", delivered, 500 + delivered));

    public static IEnumerable<TheoryDataRow<Row>> Rows()
    {
        var rows = new List<Row>();

        // §5 full refund: not started within the start time stated for the service, per kind; exactly on time is on time.
        foreach (var (kind, window) in new[] { ("followers", 24.0), ("likes", 12), ("views", 12), ("comments", 24), ("shares", 24), ("subscribers", 48), ("plays", 24) })
        {
            rows.Add(new($"{kind} started at {window} h, the window", Viplikes, Started(kind, window), Disputed(), VerdictKind.Fight, null, "suspend", RuleKeys.FullRefund));
            rows.Add(new($"{kind} started just after {window} h", Viplikes, Started(kind, window + 0.02), Disputed(), VerdictKind.Accept, 10_000, "limit", RuleKeys.FullRefund));
        }

        rows.Add(new("never started", Viplikes, Shop(new OrderBuilder().NotStarted().Build(), Queued), Disputed(), VerdictKind.Accept, 10_000, "limit", RuleKeys.FullRefund));

        // §5 automatic services: start within 12 hours; once partly delivered, not refundable.
        rows.Add(new("automatic service started at 12 h", Viplikes, Started(ServiceKind.AutoLikes, 12), Disputed(), VerdictKind.Fight, null, "suspend", RuleKeys.FullRefund));
        rows.Add(new("automatic service started just after 12 h", Viplikes, Started(ServiceKind.AutoLikes, 12.02), Disputed(), VerdictKind.Accept, 10_000, "limit", RuleKeys.AutomaticServices));
        rows.Add(new("automatic service partly delivered", Viplikes,
            Shop(new OrderBuilder().Kind(ServiceKind.AutoLikes).Delivered(400, "partial").StartedAfter(6).Build(), (0.1, "queued", 0, null), (6, "started", 0, 500), (30, "partial", 400, 900)),
            Disputed(), VerdictKind.Fight, null, "suspend", RuleKeys.AutomaticServices, "cannot be stopped"));

        // §5 accounts: never sent is owed; a login proves delivery; a swap only within 12 hours of sending.
        rows.Add(new("account never sent", Viplikes, Shop(Account, Queued), Disputed(), VerdictKind.Accept, 10_000, "limit", RuleKeys.FullRefund));
        rows.Add(new("account sent, logged in", Viplikes, Shop(Account, (0.1, "queued", 0, null), (2, "account_sent", 1, null), (5, "account_login", 1, null)), Disputed(), VerdictKind.Fight, null, "suspend", RuleKeys.Accounts));
        rows.Add(new("account swap asked at 12 h", Viplikes, Written(Shop(Account, (0.1, "queued", 0, null), (2, "account_sent", 1, null)), 14, "The account does not work, swap please"), Disputed(), VerdictKind.Review, null, "none", RuleKeys.Accounts));
        rows.Add(new("account swap asked just after 12 h", Viplikes, Written(Shop(Account, (0.1, "queued", 0, null), (2, "account_sent", 1, null)), 14.1, "The account does not work, swap please"), Disputed(), VerdictKind.Fight, null, "none", RuleKeys.Accounts));

        // §5 partial delivery: only the undelivered quantity; an order still running is not refundable.
        rows.Add(new("600 of 1000 delivered, stopped", Viplikes, Delivered(600, "partial"), Disputed(), VerdictKind.Partial, 4_000, "limit", RuleKeys.PartialDelivery));
        rows.Add(new("999 of 1000 delivered, stopped", Viplikes, Delivered(999, "partial"), Disputed(), VerdictKind.Partial, 10, "limit", RuleKeys.PartialDelivery));
        rows.Add(new("400 of 1000, still being delivered", Viplikes, Delivered(400, "in_progress"), Disputed(), VerdictKind.Fight, null, "suspend", RuleKeys.DeliveryOnly));

        // Refunds already made count against what is owed.
        rows.Add(new("refunded in full before the dispute", Viplikes, Refunded(Shop(new OrderBuilder().NotStarted().Build(), Queued), 10_000), Disputed(), VerdictKind.Fight, null, "suspend", RuleKeys.FullRefund));
        rows.Add(new("undelivered part owed, part of it refunded", Viplikes, Refunded(Delivered(600, "partial"), 1_000), Disputed(), VerdictKind.Partial, 3_000, "limit", RuleKeys.PartialDelivery));

        // §5 drops: below the starting count no refund; inside the guarantee a refill; after it, 10% or less nothing, more the partial rule.
        rows.Add(new("drop refilled inside the guarantee", Viplikes, Drops((24 * 10, "drop_detected", 1000, 1300), (24 * 11, "refill_completed", 1000, 1500)), Disputed(DisputeReason.ProductUnacceptable, 45), VerdictKind.Fight, null, "suspend", RuleKeys.DropGuarantee, "was refilled"));
        rows.Add(new("drop not refilled, guarantee running", Viplikes, Drops((24 * 10, "drop_detected", 1000, 1300)), Disputed(DisputeReason.ProductUnacceptable, 20), VerdictKind.Fight, null, "suspend", RuleKeys.DropGuarantee, "a refill is owed, not a refund"));
        rows.Add(new("drop not refilled, dispute on the guarantee's last day", Viplikes, Drops((24 * 10, "drop_detected", 1000, 1300)), Disputed(DisputeReason.ProductUnacceptable, 30.9), VerdictKind.Fight, null, "suspend", RuleKeys.DropGuarantee, "runs until"));
        rows.Add(new("drop not refilled, guarantee ended the day before", Viplikes, Drops((24 * 10, "drop_detected", 1000, 1300)), Disputed(DisputeReason.ProductUnacceptable, 32), VerdictKind.Partial, 2_000, "limit", RuleKeys.DropGuarantee, "200 delivered units are refundable"));
        rows.Add(new("dropped to the starting count exactly", Viplikes, Drops((24 * 10, "drop_detected", 1000, 500)), Disputed(DisputeReason.ProductUnacceptable, 40), VerdictKind.Partial, 10_000, "limit", RuleKeys.PartialDelivery, "1000 delivered units are refundable"));
        rows.Add(new("dropped one below the starting count", Viplikes, Drops((24 * 10, "drop_detected", 1000, 499)), Disputed(DisputeReason.ProductUnacceptable, 40), VerdictKind.Fight, null, "suspend", RuleKeys.DropTolerance, "below where the campaign started (499 against 500)"));
        rows.Add(new("below the starting count after the guarantee", Viplikes, Drops((24 * 40, "drop_detected", 1000, 300)), Disputed(DisputeReason.ProductUnacceptable, 45), VerdictKind.Fight, null, "suspend", RuleKeys.DropTolerance, "lower than when the campaign started"));
        rows.Add(new("10% after the guarantee", Viplikes, Drops((24 * 40, "drop_detected", 1000, 1400)), Disputed(DisputeReason.ProductUnacceptable, 45), VerdictKind.Fight, null, "suspend", RuleKeys.DropTolerance, "the policy's tolerance is 10"));
        rows.Add(new("10.1% after the guarantee", Viplikes, Drops((24 * 40, "drop_detected", 1000, 1399)), Disputed(DisputeReason.ProductUnacceptable, 45), VerdictKind.Partial, 1_010, "limit", RuleKeys.PartialDelivery, "101 delivered units"));
        rows.Add(new("two drops in the guarantee, one refilled, guarantee ended", Viplikes, Drops((24 * 5, "drop_detected", 1000, 1400), (24 * 6, "refill_completed", 1000, 1500), (24 * 12, "drop_detected", 1000, 1450)), Disputed(DisputeReason.ProductUnacceptable, 35), VerdictKind.Partial, 500, "limit", RuleKeys.DropGuarantee, "50 delivered units are refundable"));

        // §5 recurring payments: only the latest renewal, when cancelling is asked shortly (72 h) after it.
        rows.Add(new("cancel asked 72 h after the latest renewal", Viplikes, Subscribed(72), Disputed(DisputeReason.SubscriptionCanceled, amount: 1_500, charge: "ch_r2"), VerdictKind.Accept, 1_500, "none", RuleKeys.RecurringPayments));
        rows.Add(new("cancel asked just after 72 h", Viplikes, Subscribed(72.1), Disputed(DisputeReason.SubscriptionCanceled, amount: 1_500, charge: "ch_r2"), VerdictKind.Fight, null, "none", RuleKeys.RecurringPayments));
        rows.Add(new("an earlier renewal disputed", Viplikes, Subscribed(), Disputed(DisputeReason.SubscriptionCanceled, amount: 1_500, charge: "ch_r1"), VerdictKind.Fight, null, "suspend", RuleKeys.RecurringPayments, "already served"));

        // Short policy: written non-delivery claims within 7 days; not as described reported within 7 days; renewals cancelled within 7 days.
        var notStarted = Shop(new OrderBuilder().NotStarted().Build(), Queued);
        rows.Add(new("non-delivery claimed at 7 days", Short, Written(notStarted, 24 * 7), Disputed(), VerdictKind.Accept, 10_000, "none", RuleKeys.FullRefund));
        rows.Add(new("non-delivery claimed just after 7 days", Short, Written(notStarted, (24 * 7) + 0.02), Disputed(), VerdictKind.Review, null, "none", RuleKeys.FullRefund));
        rows.Add(new("non-delivery never claimed", Short, notStarted, Disputed(), VerdictKind.Review, null, "review", RuleKeys.FullRefund));
        rows.Add(new("not as described reported at 7 days", Short, Written(Drops(), 24 * 7, "This is not as described"), Disputed(DisputeReason.ProductUnacceptable), VerdictKind.Review, null, "none", RuleKeys.NotAsDescribed));
        rows.Add(new("not as described reported just after 7 days", Short, Written(Drops(), (24 * 7) + 0.02, "This is not as described"), Disputed(DisputeReason.ProductUnacceptable), VerdictKind.Fight, null, "none", RuleKeys.NotAsDescribed));
        rows.Add(new("renewal cancel asked 7 days after it", Short, Subscribed(24 * 7, "Annuler mon abonnement"), Disputed(DisputeReason.SubscriptionCanceled, amount: 1_500, charge: "ch_r2"), VerdictKind.Accept, 1_500, "none", RuleKeys.RecurringPayments));
        rows.Add(new("renewal cancel asked just after 7 days", Short, Subscribed((24 * 7) + 0.1, "Annuler mon abonnement"), Disputed(DisputeReason.SubscriptionCanceled, amount: 1_500, charge: "ch_r2"), VerdictKind.Fight, null, "none", RuleKeys.RecurringPayments));
        rows.Add(new("account delivered: irrevocable goods", Short, Shop(Account, (0.1, "queued", 0, null), (2, "account_sent", 1, null)), Disputed(), VerdictKind.Fight, null, "review", RuleKeys.DeliveryOnly));

        return rows.Select(r => new TheoryDataRow<Row>(r) { TestDisplayName = r.ToString() });
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Rule(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var bundle = await Bundles.GatherAsync(row.Shop(), row.Dispute);

        var verdict = PolicyEngine.Evaluate(bundle, row.Policy);
        var flag = FlagPolicy.Decide(bundle, verdict, row.Policy);
        var letter = EvidenceComposer.CoverLetter(bundle, verdict, row.Policy);

        verdict.Kind.ShouldBe(row.Kind, verdict.Summary);
        verdict.AmountOwed.ShouldBe(row.Owed, verdict.Summary);
        flag.Severity.ShouldBe(row.Flag, flag.Reason);
        verdict.Rules.Select(r => r.Key).ShouldContain(row.Cites, verdict.Summary);
        letter.Paragraphs[^1].ShouldContain(row.Policy.Rule(row.Cites).Text, Case.Sensitive, "the letter cites the rule's text");
        if (row.Fact is { } fact)
        {
            (verdict.Summary + " " + string.Join(" ", verdict.Facts)).ShouldContain(fact, Case.Sensitive, verdict.Summary);
        }

        if (row.Owed is { } owed)
        {
            owed.ShouldBeLessThanOrEqualTo(row.Dispute.Amount);
        }
    }

    [Fact]
    public async Task BigDropAfterTheGuarantee_APolicyWithoutAPartialRule_LeavesItToAPerson()
    {
        var records = new Records().With(new OrderBuilder().Build(), [.. Records.Completed, (24 * 40, "drop_detected", 1000, 1200)]);
        var bundle = await Bundles.GatherAsync(records, Disputed(DisputeReason.ProductUnacceptable, 45));
        var silent = Viplikes with { Rules = Viplikes.Rules.Where(r => r.Key != RuleKeys.PartialDelivery).ToDictionary() };

        PolicyEngine.Evaluate(bundle, silent).Kind.ShouldBe(VerdictKind.Review);
    }
}
