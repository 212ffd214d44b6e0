namespace DisputeKit.Core.Disputes;

/// <summary>
/// DisputeKit refused to send evidence before contacting the provider: it would submit twice,
/// submit to a closed or past-due dispute, or break a size limit. The message names the
/// dispute and what is wrong.
/// </summary>
public sealed class EvidenceRefusedException : Exception
{
    public EvidenceRefusedException()
    {
    }

    public EvidenceRefusedException(string message) : base(message)
    {
    }

    public EvidenceRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
