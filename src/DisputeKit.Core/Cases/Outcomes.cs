using DisputeKit.Core.Disputes;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Cases;

/// <summary>
/// A case brought up to date with how its dispute ended and the money it moved, from the dispute
/// as Stripe holds it — read by a webhook's event, a poll or a sweep alike, so a missed event
/// changes nothing. The outcome comes from the dispute's status only (won, lost, warning_closed,
/// prevented); money reinstated is recorded as such and never taken to mean won.
/// </summary>
public static class Outcomes
{
    /// <summary>The statuses a dispute ends in.</summary>
    public static bool IsFinal(string status) =>
        status is DisputeStatus.Won or DisputeStatus.Lost or DisputeStatus.WarningClosed or DisputeStatus.Prevented;

    /// <summary><paramref name="c"/> with the outcome and ledger <paramref name="dispute"/> shows, each change in its audit trail; the same case when nothing changed.</summary>
    public static DisputeCase Apply(DisputeCase c, Dispute dispute, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(dispute);
        var known = c.Ledger.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var money in dispute.Money.Where(m => !known.Contains(m.Id)).OrderBy(m => m.Created))
        {
            var what = money.Amount < 0 ? "withdrawn" : "reinstated";
            c = (c with { Ledger = [.. c.Ledger, money] })
                .Record($"{Formats.Amount(Math.Abs(money.Amount), money.Currency)} {what} by Stripe ({money.Id}{(money.Fee != 0 ? $", fee {Formats.Amount(money.Fee, money.Currency)}" : string.Empty)})", now);
        }

        if (IsFinal(dispute.Status) && c.Outcome?.Status != dispute.Status)
        {
            var fought = c.WasFought || dispute.SubmissionCount > 0;
            c = (c with { Outcome = new DisputeOutcome { Status = dispute.Status, RecordedAt = now, Fought = fought } })
                .Record($"outcome: {dispute.Status.Replace('_', ' ')}" + (fought ? string.Empty : " (no evidence had been submitted)"), now);
        }

        return c;
    }

    /// <summary>Money withdrawn, reinstated, and Stripe's fees, from a case's ledger.</summary>
    public static (long Withdrawn, long Reinstated, long Fees) Totals(DisputeCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return (-c.Ledger.Where(m => m.Amount < 0).Sum(m => m.Amount), c.Ledger.Where(m => m.Amount > 0).Sum(m => m.Amount), c.Ledger.Sum(m => m.Fee));
    }
}
