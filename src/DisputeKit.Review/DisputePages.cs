using System.Globalization;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Formatting;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Submission;

namespace DisputeKit.Review;

/// <summary>
/// Reads what finance's case pages show: the case from the case store, the order, delivery and
/// messages from the seller's records (as the flag page does), and, before a submission, the
/// evidence Stripe holds now, which is exactly what submitting sends.
/// </summary>
public sealed class DisputePages(ICaseStore cases, IMerchantRecords records, IDisputeGateway gateway, FlagReviewReader panels,
    Microsoft.Extensions.Options.IOptions<SubmissionOptions> submission, TimeProvider clock)
{
    public static string CaseUrl(string disputeId) => "/disputes/" + Uri.EscapeDataString(disputeId);

    /// <summary>The case page; null when no case is kept for the dispute.</summary>
    public async Task<DisputeCasePage?> CaseAsync(string disputeId, string role, bool hasPreview, CancellationToken cancellationToken)
    {
        var c = await cases.GetAsync(disputeId, cancellationToken);
        if (c is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var customer = c.CustomerId is { } id ? await records.FindCustomerAsync(id, cancellationToken) : null;
        var panel = await panels.CasePanelAsync(
            new DisputePanel { DisputeId = c.DisputeId, Reason = c.Reason, Amount = Formats.Amount(c.Amount, c.Currency), Why = c.Note ?? string.Empty },
            c, customer, cancellationToken);
        var pack = c.PackPath is null ? null : await cases.ReadPackAsync(c.DisputeId, cancellationToken);
        var finance = ReviewRoles.AnswersDisputes(role);
        var submit = SubmitRefusal(c, now);
        var accept = AcceptRefusal(c, now);
        var hold = HoldRefusal(c);
        return new DisputeCasePage
        {
            DisputeId = c.DisputeId,
            Url = CaseUrl(c.DisputeId),
            State = CaseStateNames.Name(c.State),
            StateLabel = CaseStateNames.Label(c.State),
            Status = c.Status,
            Reason = c.Reason,
            Amount = Formats.Amount(c.Amount, c.Currency),
            DueBy = c.DueBy is { } due ? Formats.Stamp(due) : null,
            Countdown = DisputeQueue.Countdown(c.DueBy, now),
            Urgent = SubmissionPolicy.IsUrgent(c, now, submission.Value),
            OnHold = c.OnHold,
            Note = c.Note,
            Compliance = c.Compliance is { } kind ? ComplianceDisputes.Fee(kind) : null,
            Appeal = c.Appeal is { } appeal ? $"Reopened {Formats.Stamp(appeal.OpenedAt)} after the dispute was lost; the appeal is due {(appeal.DueBy is { } appealDue ? Formats.Stamp(appealDue) : "when Stripe says")}." : null,
            CustomerName = customer?.Name,
            CustomerId = c.CustomerId,
            Panel = panel,
            Economics = c.Economics is { } e
                ? new EconomicsPanel(
                    Formats.Amount(e.AtStake, e.Currency), Formats.Amount(e.DisputeFee, e.Currency), Formats.Amount(e.CounterFee, e.Currency),
                    string.Create(CultureInfo.InvariantCulture, $"{e.WinChance:P0}"), Formats.Amount(e.ExpectedGain, e.Currency), e.Basis)
                : null,
            PackUrl = pack is null ? null : FlagReviewReader.PackUrl(c.DisputeId),
            PackPages = c.PackPages,
            PackSize = pack is null ? null : Size(pack.Length),
            PackFileId = c.PackFileId,
            PackField = c.PackFileId is { } packFile ? c.EvidenceFiles().FirstOrDefault(kv => kv.Value == packFile).Key : null,
            Documents = [.. c.Files.Select(f => new DocumentRow(Document(f.Field), f.Field, f.FileId, f.Pages, Size(f.Bytes)))],
            PreviewUrl = hasPreview ? PreviewUrl(c.DisputeId) : null,
            Audit = [.. c.Audit.Select(a => new AuditRow(Formats.Stamp(a.At), a.From is { } from ? CaseStateNames.Label(from) : null, CaseStateNames.Label(a.To), a.Cause))],
            Finance = finance,
            CanSubmit = finance && submit is null,
            SubmitRefusal = submit,
            CanAccept = finance && accept is null,
            AcceptRefusal = accept,
            CanHold = finance && hold is null,
            HoldRefusal = hold,
        };
    }

    /// <summary>
    /// What submitting would send: the evidence Stripe holds for the dispute now (submitting sends
    /// it as it stands), each field with its text or file, and whether it is what DisputeKit staged.
    /// Null when there is no case.
    /// </summary>
    public async Task<SubmitPage?> SubmitAsync(string disputeId, CancellationToken cancellationToken)
    {
        var c = await cases.GetAsync(disputeId, cancellationToken);
        if (c is null)
        {
            return null;
        }

        var refusal = SubmitRefusal(c, clock.GetUtcNow());
        var fields = new List<EvidenceRow>();
        string? difference = null;
        if (refusal is null)
        {
            var current = await gateway.GetDisputeAsync(disputeId, cancellationToken);
            var held = c.Appeal is null ? current.Evidence : current.Appeal;
            var files = c.Files.ToDictionary(f => f.FileId, StringComparer.Ordinal);
            foreach (var (field, value) in held.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var document = value == c.PackFileId ? $"the evidence pack{(c.PackPages is { } pages ? ", " + Pages(pages) : string.Empty)}"
                    : files.TryGetValue(value, out var f) ? $"{Document(f.Field)}, {Pages(f.Pages)}, {Size(f.Bytes)}" : null;
                fields.Add(new EvidenceRow(field, document is null ? value : null, document is null ? null : value, document));
            }

            difference = StagedEvidenceCheck.Difference(c, held);
        }

        return new SubmitPage
        {
            DisputeId = c.DisputeId,
            Url = CaseUrl(c.DisputeId),
            What = c.Appeal is null ? "evidence" : "appeal",
            Amount = Formats.Amount(c.Amount, c.Currency),
            DueBy = c.DueBy is { } due ? Formats.Stamp(due) : null,
            Compliance = c.Compliance is { } kind ? ComplianceDisputes.Fee(kind) : null,
            Fields = fields,
            Difference = difference,
            Refusal = refusal,
        };
    }

    public static string PreviewUrl(string disputeId) => CaseUrl(disputeId) + "/preview.pdf";

    /// <summary>Why the case cannot be submitted now; null when it can (a compliance case asks for the fee on the confirmation).</summary>
    public static string? SubmitRefusal(DisputeCase c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        var decision = SubmissionPolicy.CanSubmitByHand(c, now, acknowledgeFee: c.Compliance is not null);
        return decision.Submit ? null : Sentence(decision.Reason);
    }

    public static string? AcceptRefusal(DisputeCase c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.State is CaseState.Submitted or CaseState.Accepted)
        {
            return $"Dispute {c.DisputeId} is already {CaseStateNames.Label(c.State)}; it can no longer be accepted.";
        }

        if (!DisputeStatus.AcceptsEvidence(c.Status))
        {
            return $"Dispute {c.DisputeId} is {c.Status} on Stripe; there is nothing left to accept.";
        }

        return c.DueBy is { } due && due <= now ? $"Dispute {c.DisputeId} is past its deadline; the bank decides without an answer." : null;
    }

    public static string? HoldRefusal(DisputeCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.State is CaseState.Submitted or CaseState.Accepted
            ? $"Dispute {c.DisputeId} is already {CaseStateNames.Label(c.State)}; holding it changes nothing."
            : null;
    }

    private static string Sentence(string reason) =>
        reason.Length == 0 ? reason : char.ToUpperInvariant(reason[0]) + reason[1..] + (reason.EndsWith('.') ? string.Empty : ".");

    private static string Document(string field) => field switch
    {
        "customer_communication" => "communication transcript",
        "refund_policy" => "refund policy",
        _ => field.Replace('_', ' '),
    };

    private static string Pages(int pages) => pages == 1 ? "1 page" : string.Create(CultureInfo.InvariantCulture, $"{pages} pages");

    public static string Size(long bytes) => bytes >= 1_048_576
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:0.0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (bytes + 512) / 1024)} KB");
}
