using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DisputeKit.Rendering.Pdf;

/// <summary>
/// The little DisputeKit needs to know about and change in a finished PDF: its page count, and
/// its document information (title, subject, author, dates), written as an incremental update
/// so the printed pages stay byte for byte as Chromium made them.
/// </summary>
public static partial class PdfFile
{
    /// <summary>Pages in a PDF whose page objects are not hidden in object streams (as Chromium writes them).</summary>
    public static int PageCount(ReadOnlySpan<byte> pdf) => PageObject().Count(Encoding.Latin1.GetString(pdf));

    /// <summary>
    /// Appends a new document-information dictionary and a trailer pointing to it. The old
    /// dictionary stays in the file but is no longer referenced (its dates are set to
    /// <paramref name="created"/> as well).
    /// </summary>
    public static byte[] WithInfo(byte[] pdf, string title, string subject, string author, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var text = Encoding.Latin1.GetString(pdf);
        var startxref = text.LastIndexOf("startxref", StringComparison.Ordinal);
        var trailerAt = startxref < 0 ? -1 : text.LastIndexOf("trailer", startxref, StringComparison.Ordinal);
        if (trailerAt < 0)
        {
            throw new InvalidDataException("The PDF has no classic trailer to update (cross-reference streams are not supported).");
        }

        var trailer = text[trailerAt..startxref];
        var size = int.Parse(Required(SizeEntry(), trailer, "/Size"), CultureInfo.InvariantCulture);
        var root = Required(RootEntry(), trailer, "/Root");
        var previous = long.Parse(Required(StartXref(), text[startxref..], "startxref"), CultureInfo.InvariantCulture);

        var date = "D:" + created.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+00'00'";
        var update = new StringBuilder();
        update.Append('\n');
        var objectOffset = pdf.Length + update.Length;
        update.Append(CultureInfo.InvariantCulture, $"{size} 0 obj\n<< /Title {Str(title)} /Subject {Str(subject)} /Author {Str(author)} /Creator {Str("DisputeKit")} /Producer {Str("DisputeKit (Chromium)")} /CreationDate ({date}) /ModDate ({date}) >>\nendobj\n");
        var xrefOffset = pdf.Length + update.Length;
        update.Append(CultureInfo.InvariantCulture, $"xref\n{size} 1\n{objectOffset:D10} 00000 n\r\n");
        update.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size + 1} /Root {root} /Info {size} 0 R /Prev {previous} >>\nstartxref\n{xrefOffset}\n%%EOF\n");

        var tail = Encoding.Latin1.GetBytes(update.ToString());
        var result = new byte[pdf.Length + tail.Length];
        pdf.CopyTo(result, 0);
        tail.CopyTo(result, pdf.Length);

        // The printer's own dates (its wall clock) become the model's too, where they have the
        // same length so no offset moves: the same model then gives the same bytes, and so the
        // same upload idempotency key.
        foreach (Match m in PrinterDate().Matches(text))
        {
            if (m.Groups[1].Length == date.Length)
            {
                Encoding.Latin1.GetBytes(date).CopyTo(result, m.Groups[1].Index);
            }
        }

        return result;
    }

    /// <summary>A PDF text string: UTF-16BE with its byte-order mark, in hex, so any script survives.</summary>
    private static string Str(string value) => "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    private static string Required(Regex pattern, string text, string what) =>
        pattern.Match(text) is { Success: true } m ? m.Groups[1].Value : throw new InvalidDataException($"The PDF trailer has no {what}.");

    [GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/(?:CreationDate|ModDate)\s*\((D:\d{14}[^)]*)\)")]
    private static partial Regex PrinterDate();

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex SizeEntry();

    [GeneratedRegex(@"/Root\s+(\d+\s+\d+\s+R)")]
    private static partial Regex RootEntry();

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();
}
