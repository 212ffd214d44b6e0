using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Evidence;

public sealed class VisaCe3Tests
{
    private const string Fp20 = "fp_0123456789abcdefg";   // 20 characters
    private const string Fp19 = "fp_0123456789abcdef";    // 19
    private const string Id15 = "dev_0123456789a";        // 15
    private const string Id14 = "dev_0123456789";         // 14

    /// <summary>Two transactions that share exactly what the row gives them; everything else differs.</summary>
    public static TheoryData<string, string?, string?, string?, string?, string?, bool> Rules => new()
    {
        // story,                                          ip,         fingerprint, device id, email,               account, qualifies
        { "purchase IP and fingerprint of 20",             "81.2.3.4", Fp20,        null,      null,                null,    true },
        { "purchase IP and fingerprint of 19 (too short)", "81.2.3.4", Fp19,        null,      null,                null,    false },
        { "purchase IP and device id of 15",               "81.2.3.4", null,        Id15,      null,                null,    true },
        { "purchase IP and device id of 14 (too short)",   "81.2.3.4", null,        Id14,      null,                null,    false },
        { "fingerprint and device id: not a pair",         null,       Fp20,        Id15,      null,                null,    false },
        { "fingerprint and device id, plus email",         null,       Fp20,        Id15,      "jane@example.test", null,    true },
        { "fingerprint of 20 and account id",              null,       Fp20,        null,      null,                "C1",    true },
        { "fingerprint of 19 and account id",              null,       Fp19,        null,      null,                "C1",    false },
        { "device id of 15 and email",                     null,       null,        Id15,      "jane@example.test", null,    true },
        { "device id of 14 and email",                     null,       null,        Id14,      "jane@example.test", null,    false },
        { "purchase IP and email",                         "81.2.3.4", null,        null,      "jane@example.test", null,    true },
        { "purchase IP alone",                             "81.2.3.4", null,        null,      null,                null,    false },
        { "email and account id: no main element",         null,       null,        null,      "jane@example.test", "C1",    false },
        { "nothing shared",                                null,       null,        null,      null,                null,    false },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_SharedElements_QualifyOnlyAsVisaDefines(string story, string? ip, string? fingerprint, string? deviceId, string? email, string? account, bool qualifies)
    {
        var disputed = new Ce3Transaction
        {
            CustomerPurchaseIp = ip ?? "10.0.0.1", CustomerDeviceFingerprint = fingerprint ?? "fp_disputed_device_000001",
            CustomerDeviceId = deviceId ?? "dev_disputed_00001", CustomerEmailAddress = email ?? "thief@example.test", CustomerAccountId = account ?? "C-other",
        };
        var prior = new Ce3Transaction
        {
            CustomerPurchaseIp = ip ?? "10.0.0.2", CustomerDeviceFingerprint = fingerprint ?? "fp_earlier_device_0000002",
            CustomerDeviceId = deviceId ?? "dev_earlier_00002", CustomerEmailAddress = email is null ? "jane@example.test" : $"  {email.ToUpperInvariant()} ",
            CustomerAccountId = account ?? "C1",
        };

        var (ok, why) = VisaCe3.Rule(VisaCe3.Shared(disputed, prior));

        ok.ShouldBe(qualifies, $"{story}: {why}");
        why.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Rule_FingerprintAndDeviceIdOnly_SaysThePairDoesNotCount()
    {
        var t = new Ce3Transaction { CustomerDeviceFingerprint = Fp20, CustomerDeviceId = Id15 };

        VisaCe3.Rule(VisaCe3.Shared(t, t)).Why.ShouldContain("device fingerprint and device id together are not a qualifying pair");
    }

    /// <summary>One earlier order always counts (200 days); the second is as old as the row says.</summary>
    [Theory]
    [InlineData(119, false)]
    [InlineData(120, true)]
    [InlineData(365, true)]
    [InlineData(366, false)]
    public void Assess_SecondPriorChargeAge_CountsFrom120To365Days(int days, bool qualifies)
    {
        var dispute = Fraud(T.Day(0));
        var priors = new[] { Prior("VL-A", "ch_a", T.Day(-200)), Prior("VL-B", "ch_b", T.Day(-days)) };

        var result = VisaCe3.Assess(dispute, Charge("card_1"), Match(), priors, Charges(("ch_a", "card_1"), ("ch_b", "card_1")));

        result.Applies.ShouldBeTrue();
        result.Qualifies.ShouldBe(qualifies, result.Summary);
        var second = result.Candidates.Single(c => c.OrderId == "VL-B");
        second.AgeDays.ShouldBe(days);
        if (!qualifies)
        {
            second.Reason.ShouldContain(days < 120 ? "under 120 days" : "over 365 days");
            result.Summary.ShouldContain("only order VL-A counts");
        }
    }

    [Fact]
    public void Assess_AgeIsWholeDays_119AndAHalfIsStill119()
    {
        var priors = new[] { Prior("VL-A", "ch_a", T.Day(-200)), Prior("VL-B", "ch_b", T.Day(-119.5)) };

        var result = VisaCe3.Assess(Fraud(T.Day(0)), Charge("card_1"), Match(), priors, Charges(("ch_a", "card_1"), ("ch_b", "card_1")));

        result.Qualifies.ShouldBeFalse();
        result.Candidates.Single(c => c.OrderId == "VL-B").AgeDays.ShouldBe(119);
    }

    [Fact]
    public void Assess_Qualifies_PayloadCarriesOnlySharedElementsAndTheTwoCharges()
    {
        var priors = new[] { Prior("VL-A", "ch_a", T.Day(-150)), Prior("VL-B", "ch_b", T.Day(-250)), Prior("VL-C", "ch_c", T.Day(-300)) };

        var result = VisaCe3.Assess(Fraud(T.Day(0)), Charge("card_1"), Match(), priors, Charges(("ch_a", "card_1"), ("ch_b", "card_1"), ("ch_c", "card_1")));

        result.Qualifies.ShouldBeTrue(result.Summary);
        result.Summary.ShouldContain("orders VL-A (150 days before the dispute) and VL-B (250 days)");
        var payload = result.Payload!;
        payload.DisputedTransaction.Charge.ShouldBeNull();
        payload.DisputedTransaction.MerchandiseOrServices.ShouldBe("services");
        payload.DisputedTransaction.CustomerPurchaseIp.ShouldBe("81.2.3.4");
        payload.DisputedTransaction.CustomerDeviceFingerprint.ShouldBe("fp_0123456789abcdef0123");
        payload.DisputedTransaction.CustomerAccountId.ShouldBe("C1");
        payload.DisputedTransaction.CustomerEmailAddress.ShouldBe("Jane.Doe@Example.test");
        payload.PriorUndisputedTransactions.Select(t => t.Charge).ShouldBe(["ch_a", "ch_b"]);
        payload.PriorUndisputedTransactions.ShouldAllBe(t => t.MerchandiseOrServices == null && t.CustomerDeviceId == null);
    }

    [Fact]
    public void Assess_OtherCardUnreadableChargeOrNoChargeId_EachSaysWhy()
    {
        var priors = new[]
        {
            Prior("VL-A", "ch_a", T.Day(-150)),
            Prior("VL-B", "ch_b", T.Day(-160)),
            Prior("VL-C", "ch_gone", T.Day(-170)),
            Prior("VL-D", null, T.Day(-180)),
        };

        var result = VisaCe3.Assess(Fraud(T.Day(0)), Charge("card_1"), Match(), priors, Charges(("ch_a", "card_1"), ("ch_b", "card_2")));

        result.Qualifies.ShouldBeFalse();
        result.Candidates.Single(c => c.OrderId == "VL-B").Reason.ShouldContain("another card");
        result.Candidates.Single(c => c.OrderId == "VL-C").Reason.ShouldContain("ch_gone could not be read from Stripe");
        result.Candidates.Single(c => c.OrderId == "VL-D").Reason.ShouldContain("no Stripe charge id");
        result.Candidates.Single(c => c.OrderId == "VL-A").Qualifies.ShouldBeTrue();
    }

    public static TheoryData<string, Func<Dispute, Dispute>, bool, string> Applicability => new()
    {
        { "fraudulent 10.4", d => d, true, "" },
        { "fraudulent with no code, listed eligible", d => d with { NetworkReasonCode = null, EnhancedEligibilityTypes = ["visa_compelling_evidence_3"] }, true, "" },
        { "fraudulent with no code, not listed", d => d with { NetworkReasonCode = null }, false, "does not list the dispute as eligible" },
        { "fraudulent with Mastercard 4837", d => d with { NetworkReasonCode = "4837" }, false, "this dispute has 4837" },
        { "product not received", d => d with { Reason = "product_not_received", NetworkReasonCode = "13.1" }, false, "reason is product_not_received" },
    };

    [Theory]
    [MemberData(nameof(Applicability))]
    public void Assess_OnlyVisaCardAbsentFraud_OthersSayWhyNot(string story, Func<Dispute, Dispute> change, bool applies, string why)
    {
        var priors = new[] { Prior("VL-A", "ch_a", T.Day(-150)), Prior("VL-B", "ch_b", T.Day(-250)) };

        var result = VisaCe3.Assess(change(Fraud(T.Day(0))), Charge("card_1"), Match(), priors, Charges(("ch_a", "card_1"), ("ch_b", "card_1")));

        result.Applies.ShouldBe(applies, story);
        result.Qualifies.ShouldBe(applies, story);
        result.Summary.ShouldContain(why);
    }

    [Fact]
    public void Assess_NoCardFingerprintOrRenewal_NotQualifiedSayingWhy()
    {
        var priors = new[] { Prior("VL-A", "ch_a", T.Day(-150)), Prior("VL-B", "ch_b", T.Day(-250)) };
        var renewal = new DisputeMatch
        {
            Subscription = new Subscription { Id = "SUB-1", CustomerId = "C1", Status = "active" }, Tried = [],
        };

        var noCard = VisaCe3.Assess(Fraud(T.Day(0)), Charge(null), Match(), priors, Charges(("ch_a", "card_1"), ("ch_b", "card_1")));
        var onRenewal = VisaCe3.Assess(Fraud(T.Day(0)), Charge("card_1"), renewal, priors, Charges(("ch_a", "card_1"), ("ch_b", "card_1")));

        noCard.Summary.ShouldContain("no card fingerprint");
        onRenewal.Summary.ShouldContain("subscription renewal");
        new[] { noCard, onRenewal }.ShouldAllBe(r => r.Applies && !r.Qualifies);
    }

    [Fact]
    public void ComparesCards_OnlyForAFraudOrderWithAKnownCard_SoStripeIsAskedOnlyThen()
    {
        var renewal = new DisputeMatch { Subscription = new Subscription { Id = "SUB-1", CustomerId = "C1", Status = "active" }, Tried = [] };

        VisaCe3.ComparesCards(Fraud(T.Day(0)), Charge("card_1"), Match()).ShouldBeTrue();
        VisaCe3.ComparesCards(Fraud(T.Day(0)), Charge("card_1"), renewal).ShouldBeFalse();
        VisaCe3.ComparesCards(Fraud(T.Day(0)), Charge(null), Match()).ShouldBeFalse();
        VisaCe3.ComparesCards(Fraud(T.Day(0)), Charge(""), Match()).ShouldBeFalse();
        VisaCe3.ComparesCards(Fraud(T.Day(0)) with { Reason = DisputeReason.ProductNotReceived }, Charge("card_1"), Match()).ShouldBeFalse();
    }

    private static Dispute Fraud(DateTimeOffset created) =>
        new DisputeBuilder().Reason(DisputeReason.Fraudulent).Created(created).Charge("ch_test").Build() with { NetworkReasonCode = "10.4" };

    private static ChargeDetails Charge(string? card) =>
        new() { Id = "ch_test", Amount = 10_000, Currency = "eur", Created = T.Zero, CardFingerprint = card };

    private static DisputeMatch Match() => new()
    {
        Orders = [new OrderBuilder().Build() with { CreatedAt = T.Day(-10) }],
        Customer = new Customer { Id = "C1", Email = "Jane.Doe@Example.test", CreatedAt = T.Day(-400) },
        MatchedBy = "order charge id",
        Tried = [],
    };

    private static Order Prior(string id, string? charge, DateTimeOffset at) =>
        new OrderBuilder().Build() with
        {
            Id = id,
            CreatedAt = at,
            Payment = new PaymentInfo { StripeChargeId = charge, PurchaseIp = "81.2.3.4", DeviceFingerprint = "fp_0123456789abcdef0123", DeviceId = "dev_other_device_" + id },
        };

    private static Dictionary<string, ChargeDetails> Charges(params (string Id, string Card)[] charges) =>
        charges.ToDictionary(c => c.Id, c => new ChargeDetails { Id = c.Id, Amount = 1, Currency = "eur", Created = T.Zero, CardFingerprint = c.Card });
}
