namespace DisputeKit.Support.Zendesk;

/// <summary>One Zendesk helpdesk (<c>DisputeKit:Support:Sources:N</c> with <c>Kind</c> <c>zendesk</c>).</summary>
public sealed class ZendeskOptions
{
    /// <summary>The helpdesk's address, e.g. <c>https://shop.zendesk.com</c>.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The agent the API token belongs to.</summary>
    public string Email { get; set; } = string.Empty;

    /// <summary>The environment variable that holds the API token; it is never read from a file.</summary>
    public string TokenVariable { get; set; } = "DISPUTEKIT_ZENDESK_TOKEN";

    /// <summary>The seller's order numbers, as customers write them in a ticket.</summary>
    public string OrderNumberPattern { get; set; } = @"\bVL-[0-9]+\b";

    /// <summary>Times one request is tried when Zendesk answers 429 (waiting as its <c>Retry-After</c> says) or 5xx.</summary>
    public int Attempts { get; set; } = 5;

    /// <summary>Seconds to wait for one answer.</summary>
    public double TimeoutSeconds { get; set; } = 60;
}
