using System.Globalization;
using System.Text;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Warnings;

namespace DisputeKit.Core.Reports;

/// <summary>
/// What fighting earns: the disputes opened in a period, grouped by month, reason, service kind,
/// prior contact and verdict, each group in each currency with how many closed, were fought to a
/// decision and won, and the money disputed, withdrawn, recovered and paid in fees; and the early
/// fraud warnings refunded and the disputes they avoided. The command line's <c>report</c> and the
/// web app's outcomes page print this same report.
/// </summary>
public sealed record OutcomeReport
{
    /// <summary>The first day counted (disputes opened on or after it); null for all.</summary>
    public DateOnly? From { get; init; }
    /// <summary>The last day counted; null for all.</summary>
    public DateOnly? To { get; init; }
    public required IReadOnlyList<ReportTable> Tables { get; init; }
    /// <summary>Each month's orders against its disputes: the seller's dispute rate.</summary>
    public required IReadOnlyList<MonthVolume> Volume { get; init; }
    public required WarningTotals Warnings { get; init; }
}

/// <summary>A month's orders placed and disputes opened, and the share of the one in the other.</summary>
public sealed record MonthVolume(string Month, int Orders, int Disputes)
{
    /// <summary>Disputes per order; null in a month with no order.</summary>
    public double? DisputeRate => Orders == 0 ? null : Math.Round((double)Disputes / Orders, 5);
}

/// <summary>One grouping of the report: its rows, one per group and currency, in the group's order.</summary>
public sealed record ReportTable(string Id, string Title, string GroupedBy, IReadOnlyList<ReportRow> Rows);

/// <summary>The disputes of one group in one currency. Money in minor units of <see cref="Currency"/>.</summary>
public sealed record ReportRow
{
    public required string Group { get; init; }
    public required string Currency { get; init; }
    /// <summary>Disputes opened.</summary>
    public int Disputes { get; init; }
    /// <summary>Those Stripe has closed (won, lost, warning closed, prevented).</summary>
    public int Closed { get; init; }
    /// <summary>Those closed won or lost after evidence was submitted: what the win rate counts.</summary>
    public int Fought { get; init; }
    public int Won { get; init; }
    /// <summary>Won of fought; null when none was fought to a decision.</summary>
    public double? WinRate => Fought == 0 ? null : Math.Round((double)Won / Fought, 4);
    /// <summary>The amounts disputed.</summary>
    public long Disputed { get; init; }
    /// <summary>Money Stripe withdrew for the disputes.</summary>
    public long Withdrawn { get; init; }
    /// <summary>Money Stripe gave back (reinstated): what fighting recovered.</summary>
    public long Recovered { get; init; }
    /// <summary>Stripe's dispute fees paid (less any refunded).</summary>
    public long Fees { get; init; }
    /// <summary>What the disputes cost in the end: recovered less withdrawn less fees.</summary>
    public long Net => Recovered - Withdrawn - Fees;
}

/// <summary>Early fraud warnings refunded before they became disputes, in one currency.</summary>
public sealed record WarningRow(string Currency, int Refunded, long RefundedAmount, int DisputesAvoided, long AmountNotDisputed);

/// <summary>Early fraud warnings: those refunded, and of them those whose charge was never disputed.</summary>
public sealed record WarningTotals(IReadOnlyList<WarningRow> Rows);

public static class OutcomeReports
{
    /// <summary>The report of <paramref name="cases"/> opened from <paramref name="from"/> to <paramref name="to"/> (whole days, UTC).</summary>
    /// <param name="serviceKinds">The service kind of each order, by order id (orders not found are "unknown").</param>
    /// <param name="ordersByMonth">Orders placed by month (<c>yyyy-MM</c>).</param>
    public static OutcomeReport Build(
        IEnumerable<DisputeCase> cases, IReadOnlyDictionary<string, string> serviceKinds, IReadOnlyDictionary<string, int> ordersByMonth,
        IEnumerable<WarningCase> warnings, DateOnly? from, DateOnly? to)
    {
        ArgumentNullException.ThrowIfNull(ordersByMonth);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(serviceKinds);
        ArgumentNullException.ThrowIfNull(warnings);
        var all = cases.ToList();
        var chosen = all.Where(c => Within(Opened(c), from, to)).ToList();
        string Kind(DisputeCase c) => c.OrderId is { } order && serviceKinds.TryGetValue(order, out var kind) ? kind : "unknown";
        var tables = new List<ReportTable>
        {
            Table("month", "By month the dispute was opened", "month", chosen, c => Opened(c).ToString("yyyy-MM", CultureInfo.InvariantCulture), ordinal: true),
            Table("reason", "By dispute reason", "reason", chosen, c => c.Reason),
            Table("service", "By service kind", "service kind", chosen, Kind),
            Table("prior_contact", "By prior contact with support", "contacted support first",
                chosen, c => c.PriorContact is null ? "unknown" : c.PriorContact.ContactedAboutPurchase ? "yes" : "no"),
            Table("verdict", "By verdict", "verdict", chosen, c => c.Verdict?.Kind ?? "none yet"),
            Table("total", "All disputes: fees paid against money recovered", "all", chosen, _ => "all"),
        };

        var disputedCharges = all.Select(c => c.ChargeId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var refunded = warnings.Where(w => w.State == WarningState.Refunded && Within(DateOnly.FromDateTime(w.WarnedAt.UtcDateTime), from, to)).ToList();
        var warningRows = refunded.GroupBy(w => w.Currency, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new WarningRow(
                g.Key,
                g.Count(),
                g.Sum(w => w.Refund?.Amount ?? w.Amount),
                g.Count(w => !disputedCharges.Contains(w.ChargeId)),
                g.Where(w => !disputedCharges.Contains(w.ChargeId)).Sum(w => w.Amount)))
            .ToList();
        // Months are counted whole: a period from the 10th counts its month's orders and disputes.
        string? Month(DateOnly? day) => day?.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var (firstMonth, lastMonth) = (Month(from), Month(to));
        var disputesByMonth = all.GroupBy(c => Opened(c).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var volume = ordersByMonth.Keys.Concat(disputesByMonth.Keys).Distinct(StringComparer.Ordinal)
            .Where(m => (firstMonth is null || string.CompareOrdinal(m, firstMonth) >= 0) && (lastMonth is null || string.CompareOrdinal(m, lastMonth) <= 0))
            .Order(StringComparer.Ordinal)
            .Select(m => new MonthVolume(m, ordersByMonth.GetValueOrDefault(m), disputesByMonth.GetValueOrDefault(m)))
            .ToList();
        return new OutcomeReport { From = from, To = to, Tables = tables, Volume = volume, Warnings = new WarningTotals(warningRows) };
    }

    /// <summary>The day the customer opened the dispute (the case's first entry for cases older than that field).</summary>
    public static DateOnly Opened(DisputeCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return DateOnly.FromDateTime((c.DisputedAt ?? c.Audit[0].At).UtcDateTime);
    }

    private static bool Within(DateOnly day, DateOnly? from, DateOnly? to) => (from is null || day >= from) && (to is null || day <= to);

    private static ReportTable Table(string id, string title, string groupedBy, IReadOnlyList<DisputeCase> cases, Func<DisputeCase, string> group, bool ordinal = false)
    {
        var rows = cases.GroupBy(c => (Group: group(c), Currency: c.Currency.ToLowerInvariant()))
            .Select(g => Row(g.Key.Group, g.Key.Currency, g))
            .ToList();

        // Months in time order; other groups by how many disputes they hold, most first.
        rows = ordinal
            ? [.. rows.OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Currency, StringComparer.Ordinal)]
            : [.. rows.OrderByDescending(r => rows.Where(o => o.Group == r.Group).Sum(o => o.Disputes)).ThenBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Currency, StringComparer.Ordinal)];
        return new ReportTable(id, title, groupedBy, rows);
    }

    private static ReportRow Row(string group, string currency, IEnumerable<DisputeCase> cases)
    {
        var list = cases.ToList();
        var totals = list.Select(Outcomes.Totals).ToList();
        return new ReportRow
        {
            Group = group,
            Currency = currency,
            Disputes = list.Count,
            Closed = list.Count(c => c.Outcome is not null),
            Fought = list.Count(c => c.Outcome is { Fought: true, Status: DisputeStatus.Won or DisputeStatus.Lost }),
            Won = list.Count(c => c.Outcome is { Fought: true, Status: DisputeStatus.Won }),
            Disputed = list.Sum(c => c.Amount),
            Withdrawn = totals.Sum(t => t.Withdrawn),
            Recovered = totals.Sum(t => t.Reinstated),
            Fees = totals.Sum(t => t.Fees),
        };
    }

    /// <summary>Every table as one CSV (RFC 4180): a row per table, group and currency, money in minor units.</summary>
    public static string Csv(OutcomeReport report, string? tableId = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder("table,group,currency,disputes,closed,fought,won,win_rate,disputed,withdrawn,recovered,fees,net\r\n");
        foreach (var table in report.Tables.Where(t => tableId is null || t.Id == tableId))
        {
            foreach (var r in table.Rows)
            {
                text.AppendJoin(',', [
                    Field(table.Id), Field(r.Group), Field(r.Currency), Number(r.Disputes), Number(r.Closed), Number(r.Fought), Number(r.Won),
                    r.WinRate is { } rate ? rate.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty,
                    Number(r.Disputed), Number(r.Withdrawn), Number(r.Recovered), Number(r.Fees), Number(r.Net)]).Append("\r\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Orders against disputes by month, as CSV (RFC 4180).</summary>
    public static string VolumeCsv(OutcomeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder("month,orders,disputes,dispute_rate\r\n");
        foreach (var v in report.Volume)
        {
            text.AppendJoin(',', [v.Month, Number(v.Orders), Number(v.Disputes), v.DisputeRate is { } rate ? rate.ToString("0.#####", CultureInfo.InvariantCulture) : string.Empty]).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Reads what the report needs from the stores and the seller's records, and builds it.</summary>
public sealed class OutcomeReportReader(ICaseStore cases, Merchant.IMerchantRecords records, IWarningStore warnings)
{
    public async Task<OutcomeReport> BuildAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var all = (await cases.ListAsync(cancellationToken)).Cases;
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var order in all.Select(c => c.OrderId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await records.FindOrderAsync(order, cancellationToken) is { } found)
            {
                kinds[order] = found.Service.Kind;
            }
        }

        return OutcomeReports.Build(all, kinds, await records.OrdersByMonthAsync(cancellationToken), await warnings.ListAsync(cancellationToken), from, to);
    }
}
