namespace DisputeKit.Core.Disputes;

/// <summary>
/// Money moved by a dispute, as Stripe records it (the dispute's balance transactions): the
/// amount withdrawn when it opened (negative) and any reinstated (positive: when it is won, and
/// also after a partial refund, so a reinstatement alone never means won), with Stripe's fee.
/// Minor units.
/// </summary>
public sealed record DisputeMoney(string Id, long Amount, long Fee, string Currency, DateTimeOffset Created);
