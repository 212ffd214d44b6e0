using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Economics;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Economics;

public sealed class ExpectedValueTests
{
    private static readonly EconomicsOptions Options = new();

    private static DisputeCase Closed(string reason, string status, bool fought, int n) => new()
    {
        DisputeId = $"dp_{reason}_{status}_{fought}_{n}",
        State = fought ? CaseState.Staged : CaseState.SetAside,
        Reason = reason,
        Status = status,
        Amount = 1000,
        Currency = "eur",
        Audit = fought
            ? [new AuditEntry(T.Zero, CaseState.Discovered, "listed"), new AuditEntry(T.Zero, CaseState.Staged, "staged", CaseState.Uploaded)]
            : [new AuditEntry(T.Zero, CaseState.Discovered, "listed")],
    };

    private static List<DisputeCase> History(string reason, int won, int lost) =>
        [.. Enumerable.Range(0, won).Select(i => Closed(reason, DisputeStatus.Won, true, i)),
         .. Enumerable.Range(0, lost).Select(i => Closed(reason, DisputeStatus.Lost, true, i))];

    [Theory]
    [InlineData(14, 5, 0.45)]                    // 19 outcomes: not enough, the base rate stands
    [InlineData(15, 5, (15 + (10 * 0.45)) / 30)] // 20 outcomes: the seller's 75% blended with the base rate (weight 10)
    [InlineData(0, 40, 4.5 / 50)]                // a seller that always loses learns that too
    public void WinRates_LearnFromTheSellersOwnOutcomesOnceThereAreEnough(int won, int lost, double expected)
    {
        var rates = WinRates.From(History(DisputeReason.ProductNotReceived, won, lost), Options);

        var (rate, basis) = rates.For(DisputeReason.ProductNotReceived);

        rate.ShouldBe(expected, 1e-9);
        basis.ShouldContain(won + lost >= Options.MinOutcomesToLearn ? "learned from the seller's" : "base rate");
    }

    [Fact]
    public void WinRates_CountOnlyFoughtCasesOfTheSameReasonThatStripeClosed()
    {
        List<DisputeCase> cases =
        [
            .. Enumerable.Range(0, 30).Select(i => Closed(DisputeReason.ProductNotReceived, DisputeStatus.Lost, fought: false, i)), // accepted: lost without a fight
            .. Enumerable.Range(0, 30).Select(i => Closed(DisputeReason.Fraudulent, DisputeStatus.Won, fought: true, i)),          // another reason
            .. Enumerable.Range(0, 30).Select(i => Closed(DisputeReason.ProductNotReceived, DisputeStatus.UnderReview, fought: true, i)), // not decided yet
            .. Enumerable.Range(0, 30).Select(i => Closed(DisputeReason.ProductNotReceived, DisputeStatus.Won, fought: false, i) with { SubmittedElsewhere = true }),
        ];

        var (rate, basis) = WinRates.From(cases, Options).For(DisputeReason.ProductNotReceived);

        rate.ShouldBe((30 + (10 * 0.45)) / 40, 1e-9);
        basis.ShouldContain("30 fought");
    }

    [Fact]
    public async Task Estimate_StrongDeliveredCase_RanksAboveARefundOwedCase()
    {
        var strong = new Records().With(new OrderBuilder().Build(), Records.Completed);
        strong.Store.Add(new AccountActivity { CustomerId = "C1", At = T.Day(3), Type = "login", Ip = "81.2.3.4" });
        var owed = new Records().With(new OrderBuilder().NotStarted().Build(), (0.1, "queued", 0, null));
        var rates = WinRates.From([], Options);

        var a = await EstimateAsync(strong, rates);
        var b = await EstimateAsync(owed, rates);

        // 45% base, strength 6/7 (no policy acceptance on file): 0.45 × (0.5 + 6/7).
        a.WinChance.ShouldBe(Math.Round(0.45 * (0.5 + (6.0 / 7)), 3));
        a.AtStake.ShouldBe(10_000);
        a.ExpectedGain.ShouldBe((long)Math.Round((0.45 * (0.5 + (6.0 / 7)) * 10_000) - ((1 - (0.45 * (0.5 + (6.0 / 7)))) * 1_500), MidpointRounding.AwayFromZero));
        a.Basis.ShouldContain("lacks: policy accepted at checkout");
        b.AtStake.ShouldBe(0);
        b.ExpectedGain.ShouldBeLessThan(0);
        a.ExpectedGain.ShouldBeGreaterThan(b.ExpectedGain);
    }

    [Fact]
    public async Task Estimate_UsesTheFeesOfTheDisputesCurrency()
    {
        var options = new EconomicsOptions { FeesByCurrency = { ["eur"] = new CurrencyFees { DisputeFee = 2_000, CounterFee = 0 } } };
        var records = new Records().With(new OrderBuilder().Build(), Records.Completed);

        var value = await EstimateAsync(records, WinRates.From([], options), options);

        value.DisputeFee.ShouldBe(2_000);
        value.CounterFee.ShouldBe(0);
        ((double)value.ExpectedGain).ShouldBe(value.WinChance * 10_000, 10.0); // no counter fee: only the win counts
    }

    private static async Task<CaseEconomics> EstimateAsync(Records records, WinRates rates, EconomicsOptions? options = null)
    {
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Build());
        return ExpectedValue.Estimate(bundle, PolicyEngine.Evaluate(bundle, Bundles.Policy), rates, options ?? Options);
    }
}
