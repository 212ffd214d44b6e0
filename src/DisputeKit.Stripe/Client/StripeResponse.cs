namespace DisputeKit.Stripe.Client;

/// <summary>One attempt's answer, read in full so that a retry never holds an open response.</summary>
internal sealed record StripeResponse(int Status, string Body, string? RequestId, bool? ShouldRetry, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
