using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Tests.Builders;
using Shouldly;
using DisputeKit.Core.Accounts;

namespace DisputeKit.Core.Tests.Policies;

public sealed class PolicyEngineTests
{
    private static async Task<Verdict> Decide(Records records, string reason = DisputeReason.ProductNotReceived, DateTimeOffset? created = null)
    {
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Reason(reason).Created(created ?? T.Day(20)).Build());
        return PolicyEngine.Evaluate(bundle, Bundles.Policy);
    }

    [Theory]
    [InlineData(23.99, VerdictKind.Fight)]
    [InlineData(24.0, VerdictKind.Fight)]
    [InlineData(24.02, VerdictKind.Accept)]
    [InlineData(60, VerdictKind.Accept)]
    public async Task Evaluate_StartAgainstPromisedWindow_FullRefundOnlyWhenLate(double startedAfterHours, VerdictKind expected)
    {
        var order = new OrderBuilder().StartWithin(24).StartedAfter(startedAfterHours).Build();
        var verdict = await Decide(new Records().With(order, (0.1, "queued", 0, null), (startedAfterHours, "started", 0, 500), (80, "completed", 1000, 1500)));

        verdict.Kind.ShouldBe(expected);
        if (expected == VerdictKind.Accept)
        {
            verdict.AmountOwed.ShouldBe(10_000);
            verdict.Rules.ShouldContain(r => r.Section == "§5" && r.Text.Contains("not started within the start time"));
        }
    }

    [Fact]
    public async Task Evaluate_NeverStarted_AcceptsWithFullAmount()
    {
        var verdict = await Decide(new Records().With(new OrderBuilder().NotStarted().Build(), (0.1, "queued", 0, null)));

        verdict.Kind.ShouldBe(VerdictKind.Accept);
        verdict.AmountOwed.ShouldBe(10_000);
    }

    [Fact]
    public async Task Evaluate_PartiallyDelivered_OwesUndeliveredPart()
    {
        var order = new OrderBuilder().Delivered(600, "partial").Build();
        var verdict = await Decide(new Records().With(order, (0.1, "queued", 0, null), (6, "started", 0, 500), (30, "partial", 600, 1100)));

        verdict.Kind.ShouldBe(VerdictKind.Partial);
        verdict.AmountOwed.ShouldBe(4_000);
    }

    [Fact]
    public async Task Evaluate_StillInProgress_Fights()
    {
        var order = new OrderBuilder().Delivered(400, "in_progress").Build();
        var verdict = await Decide(new Records().With(order, (0.1, "queued", 0, null), (6, "started", 0, 500), (10, "progress", 400, 900)));

        verdict.Kind.ShouldBe(VerdictKind.Fight);
    }

    [Theory]
    [InlineData(0, VerdictKind.Partial)]          // drop at exactly the end of the 30-day guarantee, never refilled (the dispute came after it ended)
    [InlineData(1, VerdictKind.Fight)]            // one minute later: after the guarantee, 10% tolerance applies (5% here)
    public async Task Evaluate_DropAtGuaranteeBoundary_RefundOnlyInside(int minutesAfterGuarantee, VerdictKind expected)
    {
        var dropAt = (T.Day(1).AddDays(30).AddMinutes(minutesAfterGuarantee) - T.Zero).TotalHours;
        var order = new OrderBuilder().Build();
        var verdict = await Decide(new Records().With(order, [.. Records.Completed, (dropAt, "drop_detected", 1000, 1450)]), DisputeReason.ProductUnacceptable, T.Day(45));

        verdict.Kind.ShouldBe(expected);
        if (expected == VerdictKind.Partial)
        {
            verdict.AmountOwed.ShouldBe(500);
        }
    }

    [Theory]
    [InlineData(100, VerdictKind.Fight)]    // exactly 10% of 1000 after the guarantee: not refundable
    [InlineData(101, VerdictKind.Partial)]  // more than 10%: the partial rule, for the delivered units dropped
    public async Task Evaluate_DropAfterGuarantee_TenPercentTolerance(long lost, VerdictKind expected)
    {
        var verdict = await Decide(new Records().With(new OrderBuilder().Build(), [.. Records.Completed, (24 * 45, "drop_detected", 1000, 1500 - lost)]),
            DisputeReason.ProductUnacceptable, T.Day(50));

        verdict.Kind.ShouldBe(expected);
        if (expected == VerdictKind.Partial)
        {
            verdict.AmountOwed.ShouldBe(1010, "101 of 1000 units at 100.00");
        }
    }

    [Fact]
    public async Task Evaluate_DropRefilledInsideGuarantee_Fights()
    {
        var verdict = await Decide(new Records().With(new OrderBuilder().Build(),
            [.. Records.Completed, (24 * 10, "drop_detected", 1000, 1300), (24 * 11, "refill_completed", 1000, 1500)]), DisputeReason.ProductUnacceptable);

        verdict.Kind.ShouldBe(VerdictKind.Fight);
        verdict.Facts.ShouldContain(f => f.Contains("was refilled"));
    }

    [Theory]
    [InlineData(12.0, VerdictKind.Review)]  // swap asked exactly at the end of the 12-hour window
    [InlineData(12.1, VerdictKind.Fight)]   // too late for a swap
    public async Task Evaluate_AccountSwapWindow_TwelveHours(double hoursAfterSending, VerdictKind expected)
    {
        var order = new OrderBuilder().Kind(ServiceKind.Account).Quantity(1).StartedAfter(2).Build();
        var records = new Records().With(order, (0.1, "queued", 0, null), (2, "account_sent", 1, null))
            .Message("M1", "inbound", T.Hour(2 + hoursAfterSending), ["VL-1"]);

        (await Decide(records, DisputeReason.ProductUnacceptable)).Kind.ShouldBe(expected);
    }

    [Fact]
    public async Task Evaluate_AccountLoggedIn_Fights()
    {
        var order = new OrderBuilder().Kind(ServiceKind.Account).Quantity(1).StartedAfter(2).Build();
        var verdict = await Decide(new Records().With(order, (2, "account_sent", 1, null), (3, "account_login", 1, null)));

        verdict.Kind.ShouldBe(VerdictKind.Fight);
        verdict.Rules.ShouldContain(r => r.Text.Contains("logging in"));
    }

    [Theory]
    [InlineData(12.0, VerdictKind.Fight)]
    [InlineData(12.5, VerdictKind.Accept)]
    public async Task Evaluate_AutomaticService_StartsWithinTwelveHours(double startedAfterHours, VerdictKind expected)
    {
        var order = new OrderBuilder().Kind(ServiceKind.AutoLikes).StartWithin(48).StartedAfter(startedAfterHours).Build();
        var verdict = await Decide(new Records().With(order, (startedAfterHours, "started", 0, 500), (40, "completed", 1000, 1500)));

        verdict.Kind.ShouldBe(expected);
    }

    [Theory]
    [InlineData(72.0, "latest", VerdictKind.Accept)]   // cancel request exactly 72 h after the latest renewal
    [InlineData(73.0, "latest", VerdictKind.Fight)]    // too late to be "shortly after"
    [InlineData(20.0, "earlier", VerdictKind.Fight)]   // only the most recent renewal is refundable
    public async Task Evaluate_Renewal_RefundsOnlyLatestWhenCancelledShortlyAfter(double requestHours, string which, VerdictKind expected)
    {
        var records = new Records();
        var renewals = new List<SubscriptionRenewal>
        {
            new() { At = T.Day(-30), Amount = 1500, Currency = "eur", StripeChargeId = "ch_r1" },
            new() { At = T.Day(0), Amount = 1500, Currency = "eur", StripeChargeId = "ch_r2" },
        };
        records.Store.Add(new Subscription { Id = "SUB-1", CustomerId = "C1", Status = "active", Interval = "month", Renewals = renewals });
        var disputed = which == "latest" ? renewals[1] : renewals[0];
        var at = which == "latest" ? T.Hour(requestHours) : T.Day(-30).AddHours(requestHours);
        records.Message("M1", "inbound", at, body: "Please cancel my subscription and refund me.");

        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Reason(DisputeReason.SubscriptionCanceled).Charge(disputed.StripeChargeId!).Amount(1500).Build());
        var verdict = PolicyEngine.Evaluate(bundle, Bundles.Policy);

        verdict.Kind.ShouldBe(expected);
        if (expected == VerdictKind.Accept)
        {
            verdict.AmountOwed.ShouldBe(1500);
        }
    }

    [Fact]
    public async Task Evaluate_ChangedMindAfterDelivery_FightsOnDeliveryOnly()
    {
        var records = new Records().With(new OrderBuilder().Build(), Records.Completed)
            .Message("M1", "inbound", T.Day(4), ["VL-1"], body: "I changed my mind, the followers did not help my business.");

        var verdict = await Decide(records, DisputeReason.ProductUnacceptable);

        verdict.Kind.ShouldBe(VerdictKind.Fight);
        verdict.Rules.Select(r => r.Key).ShouldContain(RuleKeys.DeliveryOnly);
    }

    [Fact]
    public async Task Evaluate_AlreadyRefundedInFull_Fights()
    {
        var records = new Records().With(new OrderBuilder().NotStarted().Build(), (0.1, "queued", 0, null));
        records.Store.Add(new Refund { Id = "R1", OrderId = "VL-1", At = T.Day(3), Amount = 10_000, Currency = "eur" });

        var verdict = await Decide(records, DisputeReason.CreditNotProcessed);

        verdict.Kind.ShouldBe(VerdictKind.Fight);
        verdict.Summary.ShouldContain("already refunded");
    }

    [Fact]
    public async Task Evaluate_NoMatchingOrder_ReviewSaysWhatWasTried()
    {
        var verdict = await Decide(new Records());

        verdict.Kind.ShouldBe(VerdictKind.Review);
        verdict.Facts.ShouldContain(f => f.Contains("payment.stripe_charge_id = ch_test"));
        verdict.Facts.ShouldContain(f => f.Contains("metadata.order_id"));
    }

    [Fact]
    public async Task Evaluate_BankFailureReason_GoesToAPerson()
    {
        var verdict = await Decide(new Records().With(new OrderBuilder().Build(), Records.Completed), DisputeReason.InsufficientFunds);

        verdict.Kind.ShouldBe(VerdictKind.Review);
    }

    [Fact]
    public async Task Evaluate_DeliveredWithoutAnyLog_GoesToAPerson()
    {
        var verdict = await Decide(new Records().With(new OrderBuilder().Build()));

        verdict.Kind.ShouldBe(VerdictKind.Review);
    }

    [Theory]
    [InlineData(DisputeReason.ProductNotReceived, false, "suspend")]
    [InlineData(DisputeReason.ProductNotReceived, true, "none")]
    [InlineData(DisputeReason.Fraudulent, false, "review")]
    [InlineData(DisputeReason.Unrecognized, false, "review")]
    [InlineData(DisputeReason.Fraudulent, true, "none")]
    [InlineData(DisputeReason.BankCannotProcess, false, "none")]
    public async Task DecideFlag_ByReasonAndPriorContact(string reason, bool contacted, string severity)
    {
        var records = new Records().With(new OrderBuilder().Build(), Records.Completed);
        if (contacted)
        {
            records.Message("M1", "inbound", T.Day(5), ["VL-1"]);
        }

        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Reason(reason).Build());
        var flag = FlagPolicy.Decide(bundle, PolicyEngine.Evaluate(bundle, Bundles.Policy), Bundles.Policy);

        flag.Severity.ShouldBe(severity);
        flag.Flag.ShouldBe(severity != "none");
        if (DisputeReason.IsIdentityClaim(reason) && flag.Flag)
        {
            flag.SuggestedAction.ShouldBe("person_review");
        }
    }

    [Fact]
    public async Task DecideFlag_RefundOwed_LimitsRatherThanSuspends()
    {
        var bundle = await Bundles.GatherAsync(new Records().With(new OrderBuilder().NotStarted().Build(), (0.1, "queued", 0, null)), new DisputeBuilder().Build());
        var flag = FlagPolicy.Decide(bundle, PolicyEngine.Evaluate(bundle, Bundles.Policy), Bundles.Policy);

        flag.Severity.ShouldBe("limit");
        flag.SuggestedAction.ShouldBe("limit_purchases");
    }
}
