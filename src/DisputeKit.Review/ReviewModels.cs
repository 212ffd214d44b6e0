namespace DisputeKit.Review;

// What the review templates (templates/review/*.hbs) are given, in snake_case. Every {{field}} is
// HTML-escaped by the template engine, so customer text always shows as text.

/// <summary>The list of flags with the filter that chose them.</summary>
public sealed record FlagListPage(
    IReadOnlyList<FlagRow> Flags,
    IReadOnlyList<Choice> States,
    IReadOnlyList<Choice> Reasons,
    IReadOnlyList<Choice> Ages,
    int Total)
{
    public int Shown => Flags.Count;
}

public sealed record FlagRow(
    string CustomerId,
    string Url,
    string? Name,
    string? Email,
    string State,
    string Severity,
    string SuggestedAction,
    string Reasons,
    int Disputes,
    string AtStake,
    int AgeDays,
    string Created,
    /// <summary>When the customer last wrote to support after disputing; null when they have not.</summary>
    string? WroteIn);

/// <summary>One option of a filter, and whether it is the one chosen.</summary>
public sealed record Choice(string Value, string Label, bool Selected);

/// <summary>Everything support needs to decide on one flag.</summary>
public sealed record FlagPage
{
    public required string FlagId { get; init; }
    public required string CustomerId { get; init; }
    public required string Url { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? CustomerStatus { get; init; }
    public required string State { get; init; }
    public required string Severity { get; init; }
    public required string SuggestedAction { get; init; }
    public string? Action { get; init; }
    public required bool NeedsPerson { get; init; }
    public required bool CanConfirm { get; init; }
    public required bool CanLift { get; init; }
    public required bool IsOpen { get; init; }
    public required string AtStake { get; init; }
    public required string Created { get; init; }
    public string? WroteIn { get; init; }
    public required IReadOnlyList<DisputePanel> Disputes { get; init; }
    public int DisputeCount => Disputes.Count;
    public required IReadOnlyList<HistoryRow> History { get; init; }
    public required IReadOnlyList<ShopCallRow> ShopCalls { get; init; }
    /// <summary>Earlier flags of the same customer, closed.</summary>
    public required IReadOnlyList<EarlierFlag> Earlier { get; init; }
}

public sealed record DisputePanel
{
    public required string DisputeId { get; init; }
    public required string Reason { get; init; }
    public required string Amount { get; init; }
    public required string Why { get; init; }
    public bool Withdrawn { get; init; }
    public string? Status { get; init; }
    public string? DueBy { get; init; }
    public string? CaseState { get; init; }
    public string? CaseNote { get; init; }
    public VerdictPanel? Verdict { get; init; }
    public ContactPanel? PriorContact { get; init; }
    public OrderPanel? Order { get; init; }
    public DeliveryPanel? Delivery { get; init; }
    public string? PackUrl { get; init; }
    public string? Problem { get; init; }
}

public sealed record VerdictPanel(string Kind, string Summary, IReadOnlyList<string> Facts, IReadOnlyList<string> Rules);

public sealed record ContactPanel(
    string Statement,
    bool ContactedAboutPurchase,
    bool ContactedAtAll,
    string? LastContact,
    IReadOnlyList<MessageRow> Messages,
    /// <summary>Older messages not shown; null when none.</summary>
    int? MoreMessages);

public sealed record MessageRow(string At, string Channel, string Direction, string? Subject, string Body, bool Cited, bool AfterDispute);

public sealed record OrderPanel(string Id, string Service, string? Link, long Quantity, string Amount, string Status, string Created);

public sealed record DeliveryPanel(
    long Ordered,
    long Delivered,
    long? StartCount,
    long? CurrentCount,
    string? Started,
    string? Completed,
    string? StartDelay,
    bool? StartedWithinPromise,
    double? PromisedStartHours,
    int Drops,
    /// <summary>Null when nothing lost within the guarantee is waiting for a refill.</summary>
    long? UnrefilledWithinGuarantee,
    string? GuaranteeEnds);

public sealed record HistoryRow(string At, string From, string To, string By, bool ByPerson, string Why);

public sealed record ShopCallRow(string At, string Action, string Target, bool Succeeded, string Answer);

public sealed record EarlierFlag(string FlagId, string State, string Created, string Closed);

/// <summary>One page of the dispute queue, with its filter, totals of everything the filter chose, and paging.</summary>
public sealed record DisputeQueuePage
{
    public required IReadOnlyList<QueueRow> Rows { get; init; }
    /// <summary>Cases the filter chose (on every page).</summary>
    public required int Shown { get; init; }
    /// <summary>Every case kept.</summary>
    public required int Total { get; init; }
    /// <summary>The disputed amounts of the chosen cases, by currency.</summary>
    public required string AtStake { get; init; }
    public required int Urgent { get; init; }
    public bool AnyUrgent => Urgent > 0;
    public required int Page { get; init; }
    public required int Pages { get; init; }
    public string? Previous { get; init; }
    public string? Next { get; init; }
    public required IReadOnlyList<Choice> States { get; init; }
    public required IReadOnlyList<Choice> Reasons { get; init; }
    public required IReadOnlyList<Choice> Verdicts { get; init; }
    public required IReadOnlyList<Choice> DueWindows { get; init; }
    /// <summary>Stored cases that cannot be read, each named with what is wrong.</summary>
    public required IReadOnlyList<string> Unreadable { get; init; }
}

public sealed record QueueRow(
    string DisputeId,
    string Url,
    /// <summary>Days and hours left, "past due", or null without a deadline.</summary>
    string? Countdown,
    string? DueBy,
    bool Urgent,
    string Amount,
    string Reason,
    string? Verdict,
    string State,
    string StateLabel,
    string? ExpectedValue,
    string? WinChance,
    bool OnHold);

/// <summary>Everything finance needs to answer one dispute.</summary>
public sealed record DisputeCasePage
{
    public required string DisputeId { get; init; }
    public required string Url { get; init; }
    public required string State { get; init; }
    public required string StateLabel { get; init; }
    public required string Status { get; init; }
    public required string Reason { get; init; }
    public required string Amount { get; init; }
    public string? DueBy { get; init; }
    public string? Countdown { get; init; }
    public required bool Urgent { get; init; }
    public required bool OnHold { get; init; }
    public string? Note { get; init; }
    /// <summary>The network's fee for answering, when it is a compliance dispute.</summary>
    public string? Compliance { get; init; }
    public string? Appeal { get; init; }
    public string? CustomerName { get; init; }
    public string? CustomerId { get; init; }
    public required DisputePanel Panel { get; init; }
    public EconomicsPanel? Economics { get; init; }
    public string? PackUrl { get; init; }
    public int? PackPages { get; init; }
    public string? PackSize { get; init; }
    public string? PackFileId { get; init; }
    /// <summary>The evidence field the pack is sent as.</summary>
    public string? PackField { get; init; }
    public required IReadOnlyList<DocumentRow> Documents { get; init; }
    /// <summary>The fresh preview rendered from this page, while the app keeps it.</summary>
    public string? PreviewUrl { get; init; }
    public required IReadOnlyList<AuditRow> Audit { get; init; }
    /// <summary>The signed-in person answers disputes: the actions are shown (each still checked when sent).</summary>
    public required bool Finance { get; init; }
    public required bool CanSubmit { get; init; }
    public string? SubmitRefusal { get; init; }
    public required bool CanAccept { get; init; }
    public string? AcceptRefusal { get; init; }
    public required bool CanHold { get; init; }
    public string? HoldRefusal { get; init; }
}

public sealed record EconomicsPanel(string AtStake, string DisputeFee, string CounterFee, string WinChance, string ExpectedGain, string Basis);

public sealed record DocumentRow(string Name, string Field, string FileId, int Pages, string Size);

public sealed record AuditRow(string At, string? From, string To, string Cause);

/// <summary>The confirmation before a submission: exactly what Stripe holds and will send to the bank.</summary>
public sealed record SubmitPage
{
    public required string DisputeId { get; init; }
    public required string Url { get; init; }
    /// <summary><c>evidence</c>, or <c>appeal</c>.</summary>
    public required string What { get; init; }
    public required string Amount { get; init; }
    public string? DueBy { get; init; }
    public string? Compliance { get; init; }
    public required IReadOnlyList<EvidenceRow> Fields { get; init; }
    /// <summary>Set when Stripe does not hold what DisputeKit staged: submitting is refused.</summary>
    public string? Difference { get; init; }
    /// <summary>Why it cannot be submitted now; null when it can.</summary>
    public string? Refusal { get; init; }
}

/// <summary>One evidence field as Stripe holds it: a text, or a file (with what the file is).</summary>
public sealed record EvidenceRow(string Field, string? Text, string? FileId, string? Document);
