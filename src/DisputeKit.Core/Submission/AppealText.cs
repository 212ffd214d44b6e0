using System.Globalization;
using System.Text;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Submission;

/// <summary>
/// The appeal's <c>reason_for_filing</c>, written from the case: what DisputeKit's answer proved,
/// in the cover letter's own terms, and which documents already on Stripe show it.
/// </summary>
public static class AppealText
{
    /// <summary>At most this many characters: the letter's paragraphs are taken whole while they fit.</summary>
    public const int MaxLength = 15_000;

    public static string ReasonForFiling(DisputeCase c, CoverLetter letter, int supportingFiles)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(letter);
        var submitted = c.Appeal?.FirstSubmittedAt is { } at ? " on " + Formats.Day(at) : string.Empty;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"We appeal the decision on dispute {c.DisputeId} ({Formats.Amount(c.Amount, c.Currency)}, reason: {c.Reason.Replace('_', ' ')}). ")
            .Append(CultureInfo.InvariantCulture, $"The evidence we submitted{submitted} shows that the charge was for a service ordered by the cardholder and provided as promised; ")
            .Append(supportingFiles == 1
                ? "the evidence pack we sent is attached again."
                : string.Create(CultureInfo.InvariantCulture, $"the {supportingFiles} documents we sent (the evidence pack and the documents beside it) are attached again."))
            .Append(" What that evidence proves, as our response stated it:");
        foreach (var paragraph in letter.Paragraphs)
        {
            if (text.Length + paragraph.Length + 2 > MaxLength)
            {
                break;
            }

            text.Append("\n\n").Append(paragraph);
        }

        return text.ToString();
    }
}
