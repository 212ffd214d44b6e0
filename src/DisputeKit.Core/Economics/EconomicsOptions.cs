using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Core.Economics;

/// <summary>
/// What a dispute costs and how often each reason is won (section <c>DisputeKit:Economics</c>).
/// Fees are in minor units of the dispute's currency; <see cref="FeesByCurrency"/> overrides
/// them per currency.
/// </summary>
public sealed class EconomicsOptions
{
    public const string SectionName = "DisputeKit:Economics";

    /// <summary>The processor's fee for every dispute, charged whether it is fought or not. Default 1,500 (15.00).</summary>
    [Range(0, 1_000_000)]
    public long DisputeFee { get; set; } = 1_500;

    /// <summary>The fee for countering (submitting evidence). Default 1,500 (15.00).</summary>
    [Range(0, 1_000_000)]
    public long CounterFee { get; set; } = 1_500;

    /// <summary>Whether a won dispute returns the dispute fee. Default false.</summary>
    public bool DisputeFeeRefundedOnWin { get; set; }

    /// <summary>Whether a won dispute returns the counter fee. Default true.</summary>
    public bool CounterFeeRefundedOnWin { get; set; } = true;

    /// <summary>Per-currency fees (lower-case ISO code), e.g. <c>{"dkk": {"DisputeFee": 11000, "CounterFee": 11000}}</c>.</summary>
    public Dictionary<string, CurrencyFees> FeesByCurrency { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Win rate by reason before the seller has outcomes of its own (digital services, with
    /// evidence of average strength). <c>default</c> applies to reasons not listed.
    /// </summary>
    public Dictionary<string, double> BaseWinRates { get; set; } = new(StringComparer.Ordinal)
    {
        ["product_not_received"] = 0.45,
        ["product_unacceptable"] = 0.35,
        ["subscription_canceled"] = 0.40,
        ["credit_not_processed"] = 0.45,
        ["duplicate"] = 0.50,
        ["fraudulent"] = 0.25,
        ["unrecognized"] = 0.35,
        ["general"] = 0.35,
        ["default"] = 0.20,
    };

    /// <summary>Past won/lost cases of one reason needed before the seller's own rate is used. Default 20.</summary>
    [Range(1, 100_000)]
    public int MinOutcomesToLearn { get; set; } = 20;

    /// <summary>How many cases the base rate counts as when blended with the seller's outcomes. Default 10.</summary>
    [Range(0, 100_000)]
    public double BaseRateWeight { get; set; } = 10;

    public (long DisputeFee, long CounterFee) FeesFor(string currency) =>
        FeesByCurrency.TryGetValue(currency, out var fees) ? (fees.DisputeFee, fees.CounterFee) : (DisputeFee, CounterFee);
}

/// <summary>Fees in one currency, minor units.</summary>
public sealed class CurrencyFees
{
    public long DisputeFee { get; set; }
    public long CounterFee { get; set; }
}
