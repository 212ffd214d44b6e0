using DisputeKit.Core.Disputes;

namespace DisputeKit.Stripe.Client;

/// <summary>A <c>charge.dispute.*</c> event and the dispute as it was rendered in it.</summary>
public sealed record DisputeEvent(string Id, string Type, DateTimeOffset Created, Dispute Dispute);
