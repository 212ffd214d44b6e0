using DisputeKit.Core.Disputes;
using Sdk = global::Stripe;

namespace DisputeKit.Stripe.Gateway;

/// <summary>Stripe.net's objects as DisputeKit's own types: the one place the SDK's model meets Core's.</summary>
public static class StripeModels
{
    public static Dispute Dispute(Sdk.Dispute d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var details = d.EvidenceDetails;
        var card = d.PaymentMethodDetails?.Card;
        return new Dispute
        {
            Id = d.Id,
            Amount = d.Amount,
            Currency = d.Currency ?? "usd",
            ChargeId = d.ChargeId ?? d.Charge?.Id ?? string.Empty,
            Charge = d.Charge is { } charge ? Charge(charge) : null,
            PaymentIntentId = d.PaymentIntentId ?? d.PaymentIntent?.Id,
            Reason = d.Reason ?? "general",
            Status = d.Status ?? "unknown",
            Created = Utc(d.Created) ?? DateTimeOffset.UnixEpoch,
            DueBy = Utc(details?.DueBy),
            HasEvidence = details?.HasEvidence ?? false,
            Evidence = EvidenceFields.Read(d.Evidence),
            Appeal = AppealEvidence.Flatten(d.Evidence?.Appeal?.Card?.ReasonForFiling, d.Evidence?.Appeal?.Card?.SupportingFiles),
            PastDue = details?.PastDue ?? false,
            Money = [.. (d.BalanceTransactions ?? []).Select(t => new DisputeMoney(t.Id, t.Amount, t.Fee, t.Currency ?? d.Currency ?? "usd", Utc(t.Created) ?? DateTimeOffset.UnixEpoch))],
            SubmissionCount = (int)(details?.SubmissionCount ?? 0),
            SubmissionMethod = details?.SubmissionMethod,
            IntendedSubmissionMethod = d.IntendedSubmissionMethod,
            NetworkReasonCode = d.NetworkReasonCode ?? card?.NetworkReasonCode,
            CardBrand = card?.Brand,
            CaseType = card?.CaseType,
            IsChargeRefundable = d.IsChargeRefundable,
            Livemode = d.Livemode,
            EnhancedEligibilityTypes = [.. d.EnhancedEligibilityTypes ?? []],
            Metadata = new Dictionary<string, string>(d.Metadata ?? [], StringComparer.Ordinal),
        };
    }

    public static ChargeDetails Charge(Sdk.Charge c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var card = c.PaymentMethodDetails?.Card;
        return new ChargeDetails
        {
            Id = c.Id,
            Amount = c.Amount,
            Currency = c.Currency ?? "usd",
            Created = Utc(c.Created) ?? DateTimeOffset.UnixEpoch,
            CustomerId = c.CustomerId ?? c.Customer?.Id,
            PaymentIntentId = c.PaymentIntentId ?? c.PaymentIntent?.Id,
            BillingEmail = c.BillingDetails?.Email,
            BillingName = c.BillingDetails?.Name,
            ReceiptEmail = c.ReceiptEmail,
            CardFingerprint = card?.Fingerprint,
            CardLast4 = card?.Last4,
            CardBrand = card?.Brand,
            Metadata = new Dictionary<string, string>(c.Metadata ?? [], StringComparer.Ordinal),
            AmountRefunded = c.AmountRefunded,
            Disputed = c.Disputed,
        };
    }

    /// <summary>What DisputeKit keeps of an event: its id, type, time and the id of its object (never the payload).</summary>
    public static Core.Events.StripeEvent Event(Sdk.Event e, string source)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new Core.Events.StripeEvent
        {
            Id = e.Id,
            Type = e.Type,
            Created = Utc(e.Created) ?? DateTimeOffset.UnixEpoch,
            ObjectId = (e.Data?.Object as Sdk.IHasId)?.Id,
            Source = source,
            ReceivedAt = DateTimeOffset.UnixEpoch,
        };
    }

    public static Core.Warnings.EarlyFraudWarning Warning(Sdk.Radar.EarlyFraudWarning w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new Core.Warnings.EarlyFraudWarning
        {
            Id = w.Id,
            ChargeId = w.ChargeId ?? w.Charge?.Id ?? string.Empty,
            PaymentIntentId = w.PaymentIntentId ?? w.PaymentIntent?.Id,
            FraudType = w.FraudType ?? "misc",
            Actionable = w.Actionable,
            Created = Utc(w.Created) ?? DateTimeOffset.UnixEpoch,
            Livemode = w.Livemode,
        };
    }

    /// <summary>Stripe.net reads Unix times as UTC <see cref="DateTime"/>s; 0 (no time) is null.</summary>
    private static DateTimeOffset? Utc(DateTime? at) =>
        at is { } t && t > DateTime.UnixEpoch ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
