using DisputeKit.Core.Cases;

namespace DisputeKit.Core.Warnings;

/// <summary>
/// What DisputeKit knows and did about one early fraud warning: the charge and order it is about,
/// the decision with its reasons, the refund (recorded with its key before it is sent), and each
/// change, by whom. Kept by <see cref="IWarningStore"/>.
/// </summary>
public sealed record WarningCase
{
    /// <summary>Stripe's warning id (<c>issfr_…</c>).</summary>
    public required string Id { get; init; }
    public required string ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    public required string FraudType { get; init; }
    /// <summary>When Stripe made the warning.</summary>
    public required DateTimeOffset WarnedAt { get; init; }
    public required DateTimeOffset FirstSeenAt { get; init; }
    /// <summary>The charge's amount still refundable when first seen, minor units.</summary>
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required WarningState State { get; init; }
    public WarningDecision? Decision { get; init; }
    /// <summary>The seller's orders the charge paid for (empty when none was found).</summary>
    public IReadOnlyList<string> OrderIds { get; init; } = [];
    public string? CustomerId { get; init; }
    public string? CardFingerprint { get; init; }
    public WarningRefund? Refund { get; init; }
    /// <summary>The card put on the Radar block list after the refund, when configured.</summary>
    public Accounts.RadarItem? BlockedCard { get; init; }
    /// <summary>The latest word on it for a person: why it waits, what failed.</summary>
    public string? Note { get; init; }
    public IReadOnlyList<WarningEntry> History { get; init; } = [];

    public bool IsOpen => State is WarningState.Proposed or WarningState.Watching or WarningState.NeedsPerson or WarningState.Refunding;

    /// <summary>This case moved to <paramref name="state"/>, by <paramref name="by"/>, saying why.</summary>
    public WarningCase To(WarningState state, string by, string why, DateTimeOffset at) =>
        this with { State = state, Note = why, History = [.. History, new WarningEntry(at, by, state, why)] };
}

public enum WarningState
{
    /// <summary>A refund is proposed: a person makes it (<c>efw refund</c>) or dismisses it.</summary>
    Proposed,
    /// <summary>Left as it is: fighting a dispute, should one come, is worth more than refunding.</summary>
    Watching,
    /// <summary>A person decides (no order found, the policy leaves it open, a close call).</summary>
    NeedsPerson,
    /// <summary>A refund is recorded and sent, or waits to be sent again; never a second one.</summary>
    Refunding,
    Refunded,
    /// <summary>A person decided against refunding.</summary>
    Dismissed,
    /// <summary>The charge was disputed: answered as a dispute, never refunded from here.</summary>
    Disputed,
    /// <summary>Stripe no longer counts it as actionable, for another reason.</summary>
    Closed,
}

/// <summary>One change to a warning's case: when, by whom (<c>disputekit</c> or a person), to what, and why.</summary>
public sealed record WarningEntry(DateTimeOffset At, string By, WarningState State, string Why);

/// <summary>
/// The refund made for a warning, recorded before it is sent: its key (a new generation only
/// after Stripe saved a failure under the old one, or after 24 hours, and only once the charge
/// was read and shown not refunded), the amount, who asked, and Stripe's answer.
/// </summary>
public sealed record WarningRefund
{
    public required CaseKey Key { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public required string RequestedBy { get; init; }
    public int Attempts { get; init; }
    /// <summary>Stripe's refund id (<c>re_…</c>), once it answered.</summary>
    public string? RefundId { get; init; }
    public string? Status { get; init; }
}

/// <summary>Refund, watch or ask a person, with the reasons and the expected costs behind it.</summary>
public sealed record WarningDecision
{
    public required WarningAction Action { get; init; }
    /// <summary>One sentence for finance.</summary>
    public required string Summary { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    /// <summary>What refunding now costs: the amount, minor units.</summary>
    public long? RefundCost { get; init; }
    /// <summary>What waiting is expected to cost: the dispute's chance times what a dispute would cost (fought or accepted, whichever costs less).</summary>
    public long? WaitCost { get; init; }
    public double? DisputeChance { get; init; }
    public double? WinChance { get; init; }
    /// <summary>The refund policy's verdict on the order, as if the charge were disputed as fraud.</summary>
    public Policies.VerdictKind? Verdict { get; init; }
    public required DateTimeOffset DecidedAt { get; init; }
}

public enum WarningAction
{
    Refund,
    Watch,
    Ask,
}
