using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Core.Warnings;

/// <summary>What DisputeKit does with Stripe Radar's early fraud warnings (section <c>DisputeKit:EarlyFraudWarnings</c>).</summary>
public sealed class WarningOptions
{
    public const string SectionName = "DisputeKit:EarlyFraudWarnings";

    /// <summary><c>off</c>: warnings are not read. <c>review</c> (default): each is decided and a refund proposed for a person to make. <c>auto</c>: refunds within <see cref="AutoRefundBelow"/> are made at once.</summary>
    public WarningMode Mode { get; set; } = WarningMode.Review;

    /// <summary>
    /// In <c>auto</c> mode, the refunds made without a person: below this amount (minor units) per
    /// currency (lower-case ISO code), e.g. <c>{"eur": 5000}</c>. A currency not listed is never refunded automatically.
    /// </summary>
    public Dictionary<string, long> AutoRefundBelow { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The chance a warning left alone becomes a dispute. Default 0.8, as Stripe reports.</summary>
    [Range(0.0, 1.0)]
    public double DisputeChance { get; set; } = 0.8;

    /// <summary>
    /// When the expected cost of refunding and of waiting are within this share of the amount of
    /// each other, a person decides. Default 0.1.
    /// </summary>
    [Range(0.0, 1.0)]
    public double CloseCallShare { get; set; } = 0.1;

    /// <summary>How far back the poll lists warnings, in days. Default 120: the window a cardholder has to dispute.</summary>
    [Range(1, 540)]
    public int LookBackDays { get; set; } = 120;

    /// <summary>
    /// A refund for a warning is made with Stripe's reason <c>fraudulent</c> (Stripe then puts the
    /// card and email on its default block lists) and the card's fingerprint goes on
    /// <c>DisputeKit:Radar:CardFingerprintListId</c> when that is set. Default false: refunded without a reason, nothing blocked.
    /// </summary>
    public bool BlockCardOnRefund { get; set; }

    /// <summary>Whether <paramref name="amount"/> in <paramref name="currency"/> may be refunded without a person.</summary>
    public bool MayAutoRefund(long amount, string currency) =>
        Mode == WarningMode.Auto && AutoRefundBelow.TryGetValue(currency, out var ceiling) && amount < ceiling;
}

public enum WarningMode
{
    Off,
    Review,
    Auto,
}
