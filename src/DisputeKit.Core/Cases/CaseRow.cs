namespace DisputeKit.Core.Cases;

/// <summary>
/// One case as the dispute queue lists it: what finance sorts, filters and adds up by, without
/// the evidence, the audit trail or anything else a case page reads.
/// </summary>
public sealed record CaseRow
{
    public required string DisputeId { get; init; }
    public required CaseState State { get; init; }
    public required string Reason { get; init; }
    /// <summary>Stripe's status when the case was last saved.</summary>
    public required string Status { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public DateTimeOffset? DueBy { get; init; }
    /// <summary>The verdict's kind (<c>fight</c>, <c>accept</c>, <c>needs_person</c>, …); null before one was reached.</summary>
    public string? Verdict { get; init; }
    public double? WinChance { get; init; }
    /// <summary>Expected money kept by fighting rather than accepting, minor units of <see cref="Currency"/>.</summary>
    public long? ExpectedGain { get; init; }
    public bool OnHold { get; init; }
    public string? CustomerId { get; init; }
    public string? OrderId { get; init; }
    /// <summary>The compliance kind when the card network raised the dispute.</summary>
    public string? Compliance { get; init; }
    /// <summary>How the dispute ended (<see cref="DisputeOutcome.Status"/>), once it did.</summary>
    public string? Outcome { get; init; }

    public static CaseRow Of(DisputeCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            DisputeId = c.DisputeId,
            State = c.State,
            Reason = c.Reason,
            Status = c.Status,
            Amount = c.Amount,
            Currency = c.Currency,
            DueBy = c.DueBy,
            Verdict = c.Verdict?.Kind,
            WinChance = c.Economics?.WinChance,
            ExpectedGain = c.Economics?.ExpectedGain,
            OnHold = c.OnHold,
            CustomerId = c.CustomerId,
            OrderId = c.OrderId,
            Compliance = c.Compliance,
            Outcome = c.Outcome?.Status,
        };
    }
}

/// <summary>A row per readable case, and each case that cannot be read, named with what is wrong.</summary>
public sealed record CaseRows(IReadOnlyList<CaseRow> Rows, IReadOnlyList<UnreadableCase> Unreadable);
