namespace DisputeKit.Core.Rendering;

/// <summary>
/// Everything the pack template shows, already formatted as text: rendering is a function of
/// this model, so the same model gives the same text.
/// </summary>
public sealed record PackModel
{
    public required string Title { get; init; }
    /// <summary>The PDF's subject line: which dispute and purchase the pack answers.</summary>
    public string Subject { get; init; } = string.Empty;
    public required Branding Merchant { get; init; }
    public required string GeneratedAt { get; init; }
    /// <summary>When the pack was made, from the injected clock: the PDF's creation date.</summary>
    public DateTimeOffset Created { get; init; }
    public required string DisputeId { get; init; }
    public required string CoverTitle { get; init; }
    public required IReadOnlyList<string> CoverParagraphs { get; init; }
    public required IReadOnlyList<LabelValue> Summary { get; init; }
    public required IReadOnlyList<LabelValue> Identity { get; init; }
    /// <summary>One delivery section per order the charge paid for (or one for the subscription renewal); empty when nothing matched.</summary>
    public required IReadOnlyList<DeliverySection> Deliveries { get; init; }
    public required string PriorContactStatement { get; init; }
    public required IReadOnlyList<MessageRow> Messages { get; init; }
    public string MessagesNote { get; init; } = string.Empty;
    public required IReadOnlyList<OrderRow> PriorOrders { get; init; }
    public string PriorOrdersNote { get; init; } = string.Empty;
    public required IReadOnlyList<PolicyRow> Policy { get; init; }
    public required IReadOnlyList<string> VerdictFacts { get; init; }
    /// <summary>Logins and other use of the account after the purchase.</summary>
    public IReadOnlyList<ActivityRow> Activity { get; init; } = [];
    public string ActivityNote { get; init; } = string.Empty;
    /// <summary>Every exhibit of the pack, with what it proves.</summary>
    public IReadOnlyList<ExhibitRow> Exhibits { get; init; } = [];
    /// <summary>The policy's name and version (the refund-policy document's heading).</summary>
    public string PolicyTitle { get; init; } = string.Empty;
    /// <summary>When, where and in which version and language the customer accepted the policy, or that no record was found.</summary>
    public string PolicyAccepted { get; init; } = string.Empty;
    /// <summary>Every rule of the policy (not only the ones the verdict cites), in English and as published in the customer's language.</summary>
    public IReadOnlyList<PolicyRow> PolicyText { get; init; } = [];
    /// <summary>Said when the policy was not published in the customer's language (empty otherwise).</summary>
    public string PolicyLanguageNote { get; init; } = string.Empty;
}

/// <summary>The merchant's name, contact, colour and logo on every pack.</summary>
public sealed record Branding
{
    public required string Name { get; init; }
    public string? Contact { get; init; }
    public string AccentColor { get; init; } = "#1f4e79";
    /// <summary>The logo as a <c>data:</c> URI (embedded: the printer loads nothing from outside), or null.</summary>
    public string? LogoDataUri { get; init; }
}

public sealed record LabelValue(string Label, string Value);

public sealed record TimelineRow(string At, string Event, string Delivered, string Observed, string Note);

/// <summary>
/// What one order's delivery log proves: a heading naming the order (when the charge paid for
/// several), the service facts, the delivery chart as SVG (<see cref="DeliveryChart"/>, null when
/// there is nothing to draw), the log's rows and what was left out of them to keep the pack
/// within its page budget.
/// </summary>
public sealed record DeliverySection
{
    public string Heading { get; init; } = string.Empty;
    public required IReadOnlyList<LabelValue> Service { get; init; }
    public IReadOnlyList<TimelineRow> Timeline { get; init; } = [];
    public string TimelineNote { get; init; } = string.Empty;
    public string? ChartSvg { get; init; }
}

/// <param name="Source">Where the message is held, as the pack cites it (<see cref="Evidence.PriorContactCheck.Cite"/>).</param>
public sealed record MessageRow(string At, string Channel, string Direction, string Subject, string Body, string Source = "");

public sealed record OrderRow(string OrderId, string Date, string Service, string Amount, string Status);

/// <summary>A rule in English, and as published in the language the customer accepted (when it was published in it).</summary>
public sealed record PolicyRow(string Section, string Rule, string? Published, string? PublishedLanguage);

public sealed record ActivityRow(string At, string Type, string Ip, string Device);

/// <summary>One exhibit: its letter, its title, and what it proves.</summary>
public sealed record ExhibitRow(string Letter, string Title, string Proves);
