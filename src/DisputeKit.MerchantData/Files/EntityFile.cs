namespace DisputeKit.MerchantData.Files;

/// <summary>One entity file of the merchant-data format and the fields it requires (dotted for nested objects).</summary>
public sealed record EntityFile(string Name, IReadOnlyList<string> Required)
{
    public static EntityFile Customers { get; } = new("customers.jsonl", ["id", "email", "created_at"]);

    public static EntityFile Orders { get; } = new("orders.jsonl",
        ["id", "customer_id", "created_at", "service.id", "service.name", "service.kind", "quantity", "amount", "currency", "status"]);

    public static EntityFile DeliveryEvents { get; } = new("delivery_events.jsonl", ["order_id", "at", "type"]);

    public static EntityFile SupportMessages { get; } = new("support_messages.jsonl", ["id", "channel", "direction", "at", "body"]);

    public static EntityFile PolicyAcceptances { get; } = new("policy_acceptances.jsonl",
        ["id", "customer_id", "policy", "version", "locale", "accepted_at"]);

    public static EntityFile AccountActivity { get; } = new("account_activity.jsonl", ["customer_id", "at", "type"]);

    public static EntityFile Subscriptions { get; } = new("subscriptions.jsonl", ["id", "customer_id", "status"]);

    public static EntityFile Refunds { get; } = new("refunds.jsonl", ["id", "at", "amount", "currency"]);

    /// <summary>Every entity file, in the order they are read.</summary>
    public static IReadOnlyList<EntityFile> All { get; } = [Customers, Orders, DeliveryEvents, SupportMessages, PolicyAcceptances, AccountActivity, Subscriptions, Refunds];
}
