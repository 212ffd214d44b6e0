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
