namespace DisputeKit.Core.Disputes;

/// <summary>
/// The payment provider is down or refusing us as a whole (its circuit is open): a sweep stops
/// instead of failing every remaining dispute one by one.
/// </summary>
public sealed class DisputeGatewayUnavailableException : Exception
{
    public DisputeGatewayUnavailableException()
    {
    }

    public DisputeGatewayUnavailableException(string message) : base(message)
    {
    }

    public DisputeGatewayUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
