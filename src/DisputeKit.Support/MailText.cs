using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Text;

namespace DisputeKit.Support;

/// <summary>
/// A message's own words as plain text: HTML converted (scripts, styles and quoted blocks left
/// out, paragraphs and line breaks kept), and the quoted earlier messages a reply carries below
/// it trimmed, so a transcript shows each message once.
/// </summary>
public static partial class MailText
{
    /// <summary>The text of <paramref name="html"/>, without what a browser would not show and without <c>&lt;blockquote&gt;</c>d replies.</summary>
    public static string FromHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder();
        var hidden = 0;
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlDataToken data when hidden == 0:
                    text.Append(Whitespace().Replace(data.Data, " "));
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title or HtmlTagId.BlockQuote:
                    if (!tag.IsEmptyElement)
                    {
                        hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : 1));
                    }

                    break;
                case HtmlTagToken tag when hidden == 0 && tag.Id is HtmlTagId.Br:
                    text.Append('\n');
                    break;
                case HtmlTagToken tag when hidden == 0 && tag.Id is HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.Table:
                    text.Append('\n');
                    break;
            }
        }

        return Tidy(text.ToString());
    }

    /// <summary>
    /// <paramref name="text"/> without the earlier messages quoted below a reply: from an
    /// attribution line ("On … wrote:", "Op … schreef", "Le … a écrit", "Den … skrev") or an
    /// "Original Message" divider followed by quoted lines, and any run of <c>&gt;</c> lines.
    /// </summary>
    public static string TrimQuoted(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (Divider().IsMatch(line))
            {
                break;
            }

            if (Attribution().IsMatch(line) && lines.Skip(i + 1).FirstOrDefault(l => l.Trim().Length > 0)?.TrimStart().StartsWith('>') == true)
            {
                break;
            }

            if (!line.TrimStart().StartsWith('>'))
            {
                kept.Add(line);
            }
        }

        return Tidy(string.Join('\n', kept));
    }

    private static string Tidy(string text) => BlankLines().Replace(string.Join('\n', text.Split('\n').Select(l => l.Trim())), "\n\n").Trim();

    [GeneratedRegex(@"[ \t\r\n\f]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^\s*-{2,}\s*(Original Message|Oorspronkelijk bericht|Message d'origine|Oprindelig meddelelse|Ursprüngliche Nachricht)\s*-{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex Divider();

    [GeneratedRegex(@"^\s*(On|Op|Le|Den|Am)\b.*\b(wrote|schreef|a écrit|skrev|schrieb)\s*:?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();
}
