namespace DisputeKit.Cli.Commands;

/// <summary>Exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The run finished but some disputes failed; see the summary.</summary>
    public const int SomeFailed = 1;
    /// <summary>Configuration or input is wrong; nothing was done.</summary>
    public const int BadInput = 2;
    /// <summary>An outside service (Stripe, the store) could not be used.</summary>
    public const int Unavailable = 3;
    /// <summary>No such dispute or case.</summary>
    public const int NotFound = 4;
    /// <summary>The step is not allowed now (past due, wrong state, not confirmed); nothing was sent.</summary>
    public const int Refused = 5;
}
