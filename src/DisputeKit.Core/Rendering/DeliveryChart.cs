using System.Globalization;
using System.Net;
using System.Text;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Rendering;

/// <summary>
/// An SVG chart of one order's delivery: units delivered (cumulative) and the count observed on
/// the target over time, with the start, the completion, drops and refills marked. Built only
/// from numbers and times, every label escaped, so it is safe to place in the pack as markup.
/// </summary>
public static class DeliveryChart
{
    private const double Width = 660;
    private const double Height = 230;
    private const double Left = 64;
    private const double Right = 16;
    private const double Top = 14;
    private const double Bottom = 44;

    /// <summary>The chart as an <c>&lt;svg&gt;</c> element, or null when the log has fewer than two counts to draw.</summary>
    public static string? Svg(DeliveryReport delivery)
    {
        var delivered = delivery.Events.Where(e => e.Delivered is not null).Select(e => (e.At, Value: (double)e.Delivered!.Value)).ToList();
        var observed = delivery.Events.Where(e => e.ObservedCount is not null).Select(e => (e.At, Value: (double)e.ObservedCount!.Value)).ToList();
        if (delivered.Count + observed.Count < 2)
        {
            return null;
        }

        var times = delivery.Events.Select(e => e.At).ToList();
        var t0 = times.Min();
        var t1 = times.Max();
        if (t1 <= t0)
        {
            t1 = t0.AddHours(1);
        }

        var values = delivered.Concat(observed).Select(p => p.Value).ToList();
        var yMax = Nice(Math.Max(1, values.Max()));
        double X(DateTimeOffset t) => Left + ((t - t0).TotalSeconds / (t1 - t0).TotalSeconds * (Width - Left - Right));
        double Y(double v) => Top + ((1 - (v / yMax)) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Delivered and observed counts over time\">");
        svg.Append("<style>text{font:10px sans-serif;fill:#333}.dk-axis{stroke:#999;stroke-width:1}.dk-grid{stroke:#e3e3e3;stroke-width:1}</style>");

        for (var i = 0; i <= 4; i++)
        {
            var v = yMax * i / 4;
            var y = Y(v);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"dk-grid\" x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 3:0.#}\" text-anchor=\"end\">{v:#,0}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"dk-axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - Bottom + 14}\">{Esc(Formats.Stamp(t0))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - Bottom + 14}\" text-anchor=\"end\">{Esc(Formats.Stamp(t1))}</text>");

        Mark(svg, delivery.StartedAt, "start", "#2e7d32", X);
        Mark(svg, delivery.CompletedAt, "completed", "#1565c0", X);
        Line(svg, observed, "#9e9e9e", "4 3", X, Y);
        Line(svg, delivered, "#1f4e79", null, X, Y);

        foreach (var e in delivery.Events)
        {
            if (e.Type == DeliveryEventType.DropDetected && e.ObservedCount is { } dropped)
            {
                var (x, y) = (X(e.At), Y(dropped));
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x - 5:0.#},{y - 5:0.#} L{x + 5:0.#},{y - 5:0.#} L{x:0.#},{y + 4:0.#} Z\" fill=\"#c62828\"><title>drop {Esc(Formats.Stamp(e.At))}</title></path>");
            }
            else if (e.Type == DeliveryEventType.RefillCompleted)
            {
                var y = Y(e.ObservedCount ?? e.Delivered ?? 0);
                var x = X(e.At);
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x - 5:0.#},{y + 5:0.#} L{x + 5:0.#},{y + 5:0.#} L{x:0.#},{y - 4:0.#} Z\" fill=\"#6a1b9a\"><title>refill {Esc(Formats.Stamp(e.At))}</title></path>");
            }
        }

        var ly = Height - 12;
        Legend(svg, Left, ly, "#1f4e79", null, "delivered (cumulative)");
        Legend(svg, Left + 150, ly, "#9e9e9e", "4 3", "count observed on the target");
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{Left + 345},{ly - 7} L{Left + 355},{ly - 7} L{Left + 350},{ly + 1} Z\" fill=\"#c62828\"/><text x=\"{Left + 360}\" y=\"{ly}\">drop</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{Left + 395},{ly + 1} L{Left + 405},{ly + 1} L{Left + 400},{ly - 7} Z\" fill=\"#6a1b9a\"/><text x=\"{Left + 410}\" y=\"{ly}\">refill</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left + 450}\" y1=\"{ly - 8}\" x2=\"{Left + 450}\" y2=\"{ly + 2}\" stroke=\"#2e7d32\" stroke-width=\"2\"/><text x=\"{Left + 455}\" y=\"{ly}\">start</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left + 495}\" y1=\"{ly - 8}\" x2=\"{Left + 495}\" y2=\"{ly + 2}\" stroke=\"#1565c0\" stroke-width=\"2\"/><text x=\"{Left + 500}\" y=\"{ly}\">completed</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Line(StringBuilder svg, List<(DateTimeOffset At, double Value)> points, string colour, string? dash, Func<DateTimeOffset, double> x, Func<double, double> y)
    {
        if (points.Count == 0)
        {
            return;
        }

        var path = string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{x(p.At):0.#},{y(p.Value):0.#}")));
        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(dash is null ? string.Empty : $" stroke-dasharray=\"{dash}\"")} points=\"{path}\"/>");
    }

    private static void Mark(StringBuilder svg, DateTimeOffset? at, string label, string colour, Func<DateTimeOffset, double> x)
    {
        if (at is not { } t)
        {
            return;
        }

        var px = x(t);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px:0.#}\" y1=\"{Top}\" x2=\"{px:0.#}\" y2=\"{Height - Bottom}\" stroke=\"{colour}\" stroke-width=\"1.5\"><title>{label} {Esc(Formats.Stamp(t))}</title></line>");
    }

    private static void Legend(StringBuilder svg, double x, double y, string colour, string? dash, string label) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"{y - 3}\" x2=\"{x + 18}\" y2=\"{y - 3}\" stroke=\"{colour}\" stroke-width=\"2\"{(dash is null ? string.Empty : $" stroke-dasharray=\"{dash}\"")}/><text x=\"{x + 22}\" y=\"{y}\">{Esc(label)}</text>");

    /// <summary>A round axis maximum at or above <paramref name="value"/>: 1, 2 or 5 times a power of ten.</summary>
    private static double Nice(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

}
