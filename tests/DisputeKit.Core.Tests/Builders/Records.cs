using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData.Files;

namespace DisputeKit.Core.Tests.Builders;

/// <summary>A small in-memory shop for tests: one customer, its orders, events and messages.</summary>
public sealed class Records
{
    internal InMemoryMerchantRecords Store { get; } = new();

    public Records()
    {
        Store.Add(new Customer { Id = "C1", Email = "Jane.Doe@Example.test", Name = "Jane Doe", CreatedAt = T.Day(-200), Locale = "nl" });
    }

    internal Records With(Order order, params (double Hours, string Type, long? Delivered, long? Observed)[] events)
    {
        Store.Add(order);
        foreach (var (hours, type, delivered, observed) in events)
        {
            Store.Add(new DeliveryEvent { OrderId = order.Id, At = T.Hour(hours), Type = type, Delivered = delivered, ObservedCount = observed });
        }

        return this;
    }

    internal Records Message(string id, string direction, DateTimeOffset at, string[]? orderIds = null, string? customerId = "C1", string? email = null, string body = "Hello")
    {
        Store.Add(new SupportMessage
        {
            Id = id,
            CustomerId = customerId,
            Email = email,
            Channel = "email",
            Direction = direction,
            At = at,
            OrderIds = orderIds,
            Body = body,
        });
        return this;
    }

    /// <summary>The standard log of a completed order of 1000 starting at 500.</summary>
    internal static (double, string, long?, long?)[] Completed =>
    [
        (0.1, "queued", 0, null),
        (6, "started", 0, 500),
        (24, "completed", 1000, 1500),
    ];
}
