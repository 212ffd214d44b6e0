using System.Globalization;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Submission;

namespace DisputeKit.Stripe.Client;

/// <summary>The checks made before any evidence leaves DisputeKit.</summary>
internal static class EvidenceGuard
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public static void CheckFields(string disputeId, EvidenceUpdate evidence)
    {
        var total = 0;
        foreach (var (field, value) in evidence.Fields)
        {
            if (!EvidenceLimits.LongTextFields.Contains(field) && !EvidenceLimits.ShortTextFields.Contains(field) && !EvidenceLimits.FileFields.Contains(field))
            {
                throw new EvidenceRefusedException($"Dispute {disputeId}: evidence[{field}] is not a Stripe evidence field.");
            }

            var limit = EvidenceLimits.LimitOf(field);
            if (value.Length > limit)
            {
                throw new EvidenceRefusedException(string.Create(CultureInfo.InvariantCulture,
                    $"Dispute {disputeId}: evidence[{field}] has {value.Length:N0} characters; Stripe allows {limit:N0}."));
            }

            if (!EvidenceLimits.FileFields.Contains(field))
            {
                total += value.Length;
            }
        }

        if (total > EvidenceLimits.AllText)
        {
            throw new EvidenceRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"Dispute {disputeId}: the evidence text fields total {total:N0} characters; Stripe allows {EvidenceLimits.AllText:N0} in all."));
        }
    }

    public static void CheckSubmission(Dispute current, DateTimeOffset now)
    {
        if (current.SubmissionCount > 0)
        {
            throw new EvidenceRefusedException(
                $"Dispute {current.Id} already has a submission (submission_count {current.SubmissionCount}); DisputeKit will not submit again.");
        }

        if (!DisputeStatus.AcceptsEvidence(current.Status))
        {
            throw new EvidenceRefusedException($"Dispute {current.Id} is {current.Status}; it no longer accepts evidence.");
        }

        if (current.PastDue || current.DueBy is not { } due || due <= now)
        {
            throw new EvidenceRefusedException($"Dispute {current.Id} is past its deadline or allows no response; nothing is sent.");
        }
    }

    public static void CheckFile(string fileName, ReadOnlyMemory<byte> content)
    {
        if (content.Length > MaxFileBytes)
        {
            throw new EvidenceRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"File {fileName} is {content.Length:N0} bytes; Stripe accepts at most {MaxFileBytes:N0} bytes per evidence file."));
        }
    }
}
