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
    /// <remarks>Read from the bytes as they are: a pack is often larger than the large-object threshold, and a copy of it as text per count was most of a sweep's garbage.</remarks>
    public static int PageCount(ReadOnlySpan<byte> pdf)
    {
        var count = 0;
        for (var at = pdf.IndexOf("/Type"u8); at >= 0;)
        {
            var rest = pdf[(at + 5)..];
            var name = rest.TrimStart(" \t\r\n"u8);
            if (name.StartsWith("/Page"u8) && (name.Length == 5 || !char.IsAsciiLetter((char)name[5])))
            {
                count++;
            }

            var next = rest.IndexOf("/Type"u8);
            at = next < 0 ? -1 : at + 5 + next;
        }

        return count;
    }

    /// <summary>
    /// Appends a new document-information dictionary and a trailer pointing to it. The old
    /// dictionary stays in the file but is no longer referenced (its dates are set to
    /// <paramref name="created"/> as well).
    /// </summary>
    public static byte[] WithInfo(byte[] pdf, string title, string subject, string author, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var bytes = pdf.AsSpan();
        var startxref = bytes.LastIndexOf("startxref"u8);
        var trailerAt = startxref < 0 ? -1 : bytes[..startxref].LastIndexOf("trailer"u8);
        if (trailerAt < 0)
        {
            throw new InvalidDataException("The PDF has no classic trailer to update (cross-reference streams are not supported).");
        }

        // Only the trailer and what follows it are read as text; the pages stay bytes.
        var trailer = Encoding.Latin1.GetString(bytes[trailerAt..startxref]);
        var size = int.Parse(Required(SizeEntry(), trailer, "/Size"), CultureInfo.InvariantCulture);
        var root = Required(RootEntry(), trailer, "/Root");
        var previous = long.Parse(Required(StartXref(), Encoding.Latin1.GetString(bytes[startxref..]), "startxref"), CultureInfo.InvariantCulture);

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
        var dateBytes = Encoding.Latin1.GetBytes(date);
        foreach (var key in (ReadOnlySpan<string>)["/CreationDate", "/ModDate"])
        {
            var name = Encoding.Latin1.GetBytes(key);
            for (var at = bytes.IndexOf(name); at >= 0;)
            {
                // "(D:" and 14 digits, then anything up to ")": the printer's date string.
                var value = at + name.Length;
                while (value < bytes.Length && bytes[value] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    value++;
                }

                if (bytes[value..].StartsWith("(D:"u8) && bytes[(value + 1)..].IndexOf((byte)')') is var length and > 0
                    && length == dateBytes.Length && bytes.Slice(value + 3, 14).IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
                {
                    dateBytes.CopyTo(result, value + 1);
                }

                var next = bytes[(at + 1)..].IndexOf(name);
                at = next < 0 ? -1 : at + 1 + next;
            }
        }

        return result;
    }

    /// <summary>A PDF text string: UTF-16BE with its byte-order mark, in hex, so any script survives.</summary>
    private static string Str(string value) => "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    private static string Required(Regex pattern, string text, string what) =>
        pattern.Match(text) is { Success: true } m ? m.Groups[1].Value : throw new InvalidDataException($"The PDF trailer has no {what}.");

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex SizeEntry();

    [GeneratedRegex(@"/Root\s+(\d+\s+\d+\s+R)")]
    private static partial Regex RootEntry();

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();
}
