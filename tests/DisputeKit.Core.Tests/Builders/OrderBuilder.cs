using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Tests.Builders;

internal sealed class OrderBuilder
{
    private Order _o = new()
    {
        Id = "VL-1",
        CustomerId = "C1",
        CreatedAt = T.Zero,
        Service = new ServiceInfo { Id = "ig", Name = "Instagram Followers", Kind = ServiceKind.Followers, Platform = "instagram", StartWithinHours = 24, RefillDays = 30 },
        Quantity = 1000,
        Amount = 10_000,
        Currency = "eur",
        Status = "completed",
        StartCount = 500,
        Delivered = 1000,
        StartedAt = T.Hour(6),
        CompletedAt = T.Day(1),
        Payment = new PaymentInfo { StripeChargeId = "ch_test", PurchaseIp = "81.2.3.4", DeviceFingerprint = "fp_0123456789abcdef0123" },
    };

    public OrderBuilder Kind(string kind) { _o = _o with { Service = _o.Service with { Kind = kind } }; return this; }
    public OrderBuilder StartWithin(double hours) { _o = _o with { Service = _o.Service with { StartWithinHours = hours } }; return this; }
    public OrderBuilder StartedAfter(double hours) { _o = _o with { StartedAt = T.Hour(hours) }; return this; }
    public OrderBuilder NotStarted() { _o = _o with { StartedAt = null, CompletedAt = null, Delivered = 0, Status = "pending" }; return this; }
    public OrderBuilder Delivered(long delivered, string status) { _o = _o with { Delivered = delivered, Status = status, CompletedAt = status == "completed" ? _o.CompletedAt : null }; return this; }
    public OrderBuilder Quantity(long quantity) { _o = _o with { Quantity = quantity, Delivered = quantity }; return this; }
    public OrderBuilder Amount(long amount) { _o = _o with { Amount = amount }; return this; }
    public OrderBuilder CompletedAt(DateTimeOffset at) { _o = _o with { CompletedAt = at }; return this; }
    public Order Build() => _o;
}
