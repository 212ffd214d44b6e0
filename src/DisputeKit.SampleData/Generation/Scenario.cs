namespace DisputeKit.SampleData.Generation;

/// <summary>How the disputed service went.</summary>
public enum Outcome
{
    Delivered,
    NotStarted,
    LateStart,
    Partial,
    InProgress,
    DropsRefilled,
    DropsNotRefilled,
    SmallDropAfterGuarantee,
    BigDropAfterGuarantee,
    /// <summary>The count fell below where the campaign started: the policy gives no refund.</summary>
    DropBelowStart,
    /// <summary>A drop inside the guarantee, not yet refilled, the guarantee still running: a refill is owed, not a refund.</summary>
    DropRefillOwed,
    NoLog,
    AccountLoggedIn,
    AccountNotSent,
    AccountSwapRequested,
    AutoDelivered,
    AutoLate,
    RenewalNoCancel,
    RenewalCancelRequested,
    RenewalEarlier,
    RefundedFull,
    PartialRefunded,
    NoMatch,
}

/// <summary>What the customer said to support, and when.</summary>
public enum Contact
{
    None,
    AboutOrder,
    OutboundOnly,
    AfterDispute,
    OtherOrder,
    EmailOnly,
}

/// <summary>How the dispute finds its order.</summary>
public enum MatchBy
{
    Charge,
    PaymentIntent,
    Metadata,
}

/// <summary>
/// One sample dispute: the story behind it and what the refund policy implies for it
/// (verdict, final state, flag severity). Tests check DisputeKit against these expectations.
/// With <see cref="SecondOrder"/>, one checkout bought a second service, paid by the same charge.
/// </summary>
public sealed record Scenario(
    string Name,
    string Reason,
    Outcome Outcome,
    Contact Contact,
    string ExpectedVerdict,
    string ExpectedFlag,
    string Status = "needs_response",
    MatchBy MatchBy = MatchBy.Charge,
    bool PastDue = false,
    int SubmissionCount = 0,
    bool HasEvidence = false,
    Outcome? SecondOrder = null)
{
    /// <summary>The case state a sweep should leave it in.</summary>
    public string ExpectedState =>
        Status is not ("needs_response" or "warning_needs_response") || PastDue || SubmissionCount > 0 ? "skipped"
        : ExpectedVerdict == "fight" && !HasEvidence ? "staged"
        : "set_aside";

    /// <summary>The sample set: every dispute reason the refund policy speaks to, with and without prior contact.</summary>
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("pnr-delivered-no-contact", "product_not_received", Outcome.Delivered, Contact.None, "fight", "suspend"),
        new("pnr-delivered-contact", "product_not_received", Outcome.Delivered, Contact.AboutOrder, "fight", "none"),
        new("pnr-not-started-no-contact", "product_not_received", Outcome.NotStarted, Contact.None, "accept", "limit"),
        new("pnr-not-started-contact", "product_not_received", Outcome.NotStarted, Contact.AboutOrder, "accept", "none"),
        new("pnr-late-start", "product_not_received", Outcome.LateStart, Contact.AboutOrder, "accept", "none"),
        new("pnr-partial-no-contact", "product_not_received", Outcome.Partial, Contact.None, "partial", "limit"),
        new("pnr-partial-contact", "product_not_received", Outcome.Partial, Contact.AboutOrder, "partial", "none"),
        new("pnr-in-progress", "product_not_received", Outcome.InProgress, Contact.None, "fight", "suspend"),
        new("pnr-no-delivery-log", "product_not_received", Outcome.NoLog, Contact.None, "review", "review"),
        new("pnr-partial-already-refunded", "product_not_received", Outcome.PartialRefunded, Contact.None, "fight", "suspend"),
        new("pnr-match-by-payment-intent", "product_not_received", Outcome.Delivered, Contact.AboutOrder, "fight", "none", MatchBy: MatchBy.PaymentIntent),
        new("pnr-match-by-metadata", "product_not_received", Outcome.Delivered, Contact.None, "fight", "suspend", MatchBy: MatchBy.Metadata),
        new("pnr-no-matching-order", "product_not_received", Outcome.NoMatch, Contact.None, "review", "none"),
        new("pu-delivered-no-contact", "product_unacceptable", Outcome.Delivered, Contact.None, "fight", "suspend"),
        new("pu-contact-after-dispute", "product_unacceptable", Outcome.Delivered, Contact.AfterDispute, "fight", "suspend"),
        new("pu-outbound-only", "product_unacceptable", Outcome.Delivered, Contact.OutboundOnly, "fight", "suspend"),
        new("pu-contact-about-other-order", "product_unacceptable", Outcome.Delivered, Contact.OtherOrder, "fight", "suspend"),
        new("pu-contact-by-email-only", "product_unacceptable", Outcome.Delivered, Contact.EmailOnly, "fight", "none"),
        new("pu-drops-refilled", "product_unacceptable", Outcome.DropsRefilled, Contact.AboutOrder, "fight", "none"),
        new("pu-drops-not-refilled", "product_unacceptable", Outcome.DropsNotRefilled, Contact.None, "partial", "limit"),
        new("pu-small-drop-after-guarantee", "product_unacceptable", Outcome.SmallDropAfterGuarantee, Contact.None, "fight", "suspend"),
        new("pu-big-drop-after-guarantee", "product_unacceptable", Outcome.BigDropAfterGuarantee, Contact.AboutOrder, "partial", "none"),
        new("pu-account-swap-requested", "product_unacceptable", Outcome.AccountSwapRequested, Contact.AboutOrder, "review", "none"),
        new("pu-automatic-delivered", "product_unacceptable", Outcome.AutoDelivered, Contact.None, "fight", "suspend"),
        new("pnr-automatic-late", "product_not_received", Outcome.AutoLate, Contact.AboutOrder, "accept", "none"),
        new("pnr-account-logged-in", "product_not_received", Outcome.AccountLoggedIn, Contact.None, "fight", "suspend"),
        new("pnr-account-not-sent", "product_not_received", Outcome.AccountNotSent, Contact.AboutOrder, "accept", "none"),
        new("general-delivered", "general", Outcome.Delivered, Contact.None, "fight", "suspend"),
        new("general-not-started", "general", Outcome.NotStarted, Contact.AboutOrder, "accept", "none"),
        new("general-inquiry", "general", Outcome.Delivered, Contact.None, "fight", "suspend", Status: "warning_needs_response"),
        new("fraud-delivered-no-contact", "fraudulent", Outcome.Delivered, Contact.None, "fight", "review"),
        new("fraud-delivered-contact", "fraudulent", Outcome.Delivered, Contact.AboutOrder, "fight", "none"),
        new("fraud-not-delivered", "fraudulent", Outcome.NotStarted, Contact.None, "accept", "review"),
        new("unrecognized-delivered", "unrecognized", Outcome.Delivered, Contact.None, "fight", "review"),
        new("unrecognized-account", "unrecognized", Outcome.AccountLoggedIn, Contact.None, "fight", "review"),
        new("subscription-renewal-no-cancel", "subscription_canceled", Outcome.RenewalNoCancel, Contact.None, "fight", "suspend"),
        new("subscription-cancel-requested", "subscription_canceled", Outcome.RenewalCancelRequested, Contact.AboutOrder, "accept", "none"),
        new("subscription-earlier-renewal", "subscription_canceled", Outcome.RenewalEarlier, Contact.None, "fight", "suspend"),
        new("credit-already-refunded", "credit_not_processed", Outcome.RefundedFull, Contact.AboutOrder, "fight", "none"),
        new("credit-delivered-no-contact", "credit_not_processed", Outcome.Delivered, Contact.None, "fight", "suspend"),
        new("duplicate-distinct-orders", "duplicate", Outcome.Delivered, Contact.None, "fight", "suspend"),
        new("bank-cannot-process", "bank_cannot_process", Outcome.Delivered, Contact.None, "review", "none"),
        new("insufficient-funds", "insufficient_funds", Outcome.Delivered, Contact.None, "review", "none"),
        new("status-under-review", "product_not_received", Outcome.Delivered, Contact.None, "fight", "none", Status: "under_review", SubmissionCount: 1),
        new("status-won", "general", Outcome.Delivered, Contact.None, "fight", "none", Status: "won", SubmissionCount: 1),
        new("status-lost", "product_unacceptable", Outcome.Delivered, Contact.None, "fight", "none", Status: "lost"),
        new("past-due", "product_not_received", Outcome.Delivered, Contact.None, "fight", "none", PastDue: true),
        new("already-submitted-elsewhere", "product_unacceptable", Outcome.Delivered, Contact.None, "fight", "none", SubmissionCount: 1),
        new("evidence-staged-elsewhere", "product_unacceptable", Outcome.Delivered, Contact.None, "fight", "suspend", HasEvidence: true),
        new("pu-drop-below-start", "product_unacceptable", Outcome.DropBelowStart, Contact.AboutOrder, "fight", "none"),
        new("pu-drop-refill-owed", "product_unacceptable", Outcome.DropRefillOwed, Contact.AboutOrder, "fight", "none"),
        new("pnr-checkout-both-delivered", "product_not_received", Outcome.Delivered, Contact.None, "fight", "suspend", SecondOrder: Outcome.Delivered),
        new("pnr-checkout-one-never-started", "product_not_received", Outcome.Delivered, Contact.AboutOrder, "partial", "none", SecondOrder: Outcome.NotStarted),
    ];
}
