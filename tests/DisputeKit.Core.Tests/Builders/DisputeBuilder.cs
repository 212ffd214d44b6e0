using DisputeKit.Core.Disputes;

namespace DisputeKit.Core.Tests.Builders;

internal sealed class DisputeBuilder
{
    private Dispute _d = new()
    {
        Id = "dp_test",
        Amount = 10_000,
        Currency = "eur",
        ChargeId = "ch_test",
        Reason = DisputeReason.ProductNotReceived,
        Status = DisputeStatus.NeedsResponse,
        Created = T.Day(20),
        DueBy = T.Day(34),
    };

    public DisputeBuilder Reason(string reason) { _d = _d with { Reason = reason }; return this; }
    public DisputeBuilder Amount(long amount) { _d = _d with { Amount = amount }; return this; }
    public DisputeBuilder Created(DateTimeOffset at) { _d = _d with { Created = at }; return this; }
    public DisputeBuilder Charge(string id) { _d = _d with { ChargeId = id }; return this; }
    public DisputeBuilder Metadata(string key, string value) { _d = _d with { Metadata = new Dictionary<string, string> { [key] = value } }; return this; }
    public DisputeBuilder PaymentIntent(string id) { _d = _d with { PaymentIntentId = id }; return this; }
    public Dispute Build() => _d;
}
