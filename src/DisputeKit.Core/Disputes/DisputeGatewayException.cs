namespace DisputeKit.Core.Disputes;

/// <summary>
/// The payment provider answered a request with a refusal or a failure: its HTTP status, its
/// error code, and the idempotency key the request carried. Core reads these to answer what the
/// provider says: a refusal it knows (<see cref="PageLimitExceeded"/>) and a failure saved under
/// the key (<see cref="SavedUnderKey"/>), which every later request with that key gets back.
/// </summary>
public class DisputeGatewayException : Exception
{
    /// <summary>Stripe's code for evidence over the network's page limit, refused even when only staged.</summary>
    public const string PageLimitCode = "dispute_evidence_page_limit_exceeded";

    public DisputeGatewayException(int status, string? code, string message, string? idempotencyKey = null)
        : base(message)
    {
        Status = status;
        Code = code;
        IdempotencyKey = idempotencyKey;
    }

    public DisputeGatewayException()
    {
    }

    public DisputeGatewayException(string message) : base(message)
    {
    }

    public DisputeGatewayException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int Status { get; }

    public string? Code { get; }

    /// <summary>The key the refused request carried, when it carried one.</summary>
    public string? IdempotencyKey { get; }

    /// <summary>
    /// A 5xx answer to a keyed request: Stripe saves the result of a request whose endpoint began
    /// to run, a 500 included, and replays it for every later request with that key for 24 hours.
    /// The next attempt must move to a new key (and first learn whether the effect happened).
    /// </summary>
    public bool SavedUnderKey => Status >= 500 && IdempotencyKey is not null;

    public bool PageLimitExceeded => Code == PageLimitCode;
}
