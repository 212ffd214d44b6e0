using System.Globalization;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Submission;

namespace DisputeKit.Stripe.Client;

/// <summary>The limits Stripe sets on evidence, checked before anything is sent: a refusal names the dispute and the field.</summary>
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

    public static void CheckFile(string fileName, ReadOnlyMemory<byte> content)
    {
        if (content.Length > MaxFileBytes)
        {
            throw new EvidenceRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"File {fileName} is {content.Length:N0} bytes; Stripe accepts at most {MaxFileBytes:N0} bytes per evidence file."));
        }
    }
}
