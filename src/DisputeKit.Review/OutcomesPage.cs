using System.Globalization;
using DisputeKit.Core.Formatting;
using DisputeKit.Core.Reports;

namespace DisputeKit.Review;

/// <summary>The outcomes page: each table of the report with a bar chart of its win rates drawn on the server (SVG) and a CSV link.</summary>
public sealed record OutcomesPage(string? From, string? To, IReadOnlyList<OutcomeTablePanel> Tables, VolumePanel Volume, IReadOnlyList<string> Warnings, string CsvUrl)
{
    /// <summary>Bar height and the chart's label column, in SVG units.</summary>
    private const int BarHeight = 22;
    private const int LabelWidth = 260;
    private const int BarRoom = 360;

    public static OutcomesPage Of(OutcomeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (from, to) = (report.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), report.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        string Csv(string? table) => "/outcomes.csv?" + string.Join('&', new[] { ("table", table), ("from", from), ("to", to) }
            .Where(p => p.Item2 is not null).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
        var tables = report.Tables.Select(t =>
        {
            var rows = t.Rows.Select(r => new OutcomeRowPanel(
                r.Group, r.Currency.ToUpperInvariant(), r.Disputes, r.Closed, r.Fought, r.Won,
                r.WinRate is { } rate ? rate.ToString("P0", CultureInfo.InvariantCulture) : "-",
                Formats.Amount(r.Disputed, r.Currency), Formats.Amount(r.Withdrawn, r.Currency), Formats.Amount(r.Recovered, r.Currency),
                Formats.Amount(r.Fees, r.Currency), Formats.Amount(r.Net, r.Currency))).ToList();
            var bars = t.Rows.Select((r, i) => new ChartBar(
                i * BarHeight, i * BarHeight + 15, LabelWidth - 8, LabelWidth,
                (int)Math.Round((r.WinRate ?? 0) * BarRoom), LabelWidth + (int)Math.Round((r.WinRate ?? 0) * BarRoom) + 6,
                $"{r.Group} · {r.Currency.ToUpperInvariant()}",
                r.WinRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate:P0} of {r.Fought} fought") : "none fought to a decision")).ToList();
            return new OutcomeTablePanel(t.Id, t.Title, t.GroupedBy, rows, Csv(t.Id),
                new Chart(LabelWidth + BarRoom + 160, Math.Max(1, bars.Count) * BarHeight, bars), $"Win rate {t.Title.ToLowerInvariant()}");
        }).ToList();
        var warnings = report.Warnings.Rows.Select(w => string.Create(CultureInfo.InvariantCulture,
            $"{w.Refunded} refunded ({Formats.Amount(w.RefundedAmount, w.Currency)}); {w.DisputesAvoided} of them never became a dispute ({Formats.Amount(w.AmountNotDisputed, w.Currency)} not disputed)")).ToList();
        var highest = report.Volume.Select(v => v.DisputeRate ?? 0).DefaultIfEmpty(0).Max();
        var volumeBars = report.Volume.Select((v, i) => new ChartBar(
            i * BarHeight, i * BarHeight + 15, LabelWidth - 8, LabelWidth,
            highest == 0 ? 0 : (int)Math.Round((v.DisputeRate ?? 0) / highest * BarRoom), LabelWidth + (highest == 0 ? 0 : (int)Math.Round((v.DisputeRate ?? 0) / highest * BarRoom)) + 6,
            v.Month, v.DisputeRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate:P2} ({v.Disputes} of {v.Orders} orders)") : $"{v.Disputes} disputes, no order")).ToList();
        var volume = new VolumePanel(
            [.. report.Volume.Select(v => new VolumeRow(v.Month, v.Orders, v.Disputes, v.DisputeRate is { } rate ? rate.ToString("P2", CultureInfo.InvariantCulture) : "-"))],
            new Chart(LabelWidth + BarRoom + 220, Math.Max(1, volumeBars.Count) * BarHeight, volumeBars), Csv("volume"));
        return new OutcomesPage(from, to, tables, volume, warnings, Csv(null));
    }
}

public sealed record OutcomeTablePanel(string Id, string Title, string GroupedBy, IReadOnlyList<OutcomeRowPanel> Rows, string CsvUrl, Chart Chart, string ChartTitle);

public sealed record OutcomeRowPanel(
    string Group, string Currency, int Disputes, int Closed, int Fought, int Won, string WinRate, string Disputed, string Withdrawn, string Recovered, string Fees, string Net);

/// <summary>A horizontal bar chart: its size and one bar per row (label on the left, value after the bar).</summary>
public sealed record Chart(int Width, int Height, IReadOnlyList<ChartBar> Bars);

public sealed record ChartBar(int Y, int TextY, int LabelX, int BarX, int BarWidth, int ValueX, string Label, string Value);

/// <summary>Orders against disputes by month, with a chart of the dispute rate (bars scaled to the highest month).</summary>
public sealed record VolumePanel(IReadOnlyList<VolumeRow> Rows, Chart Chart, string CsvUrl);

public sealed record VolumeRow(string Month, int Orders, int Disputes, string DisputeRate);
