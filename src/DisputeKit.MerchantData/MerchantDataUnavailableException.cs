namespace DisputeKit.MerchantData;

/// <summary>The seller's records cannot be reached (their database is down or refuses us); nothing was read.</summary>
public sealed class MerchantDataUnavailableException : Exception
{
    public MerchantDataUnavailableException()
    {
    }

    public MerchantDataUnavailableException(string message)
        : base(message)
    {
    }

    public MerchantDataUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
