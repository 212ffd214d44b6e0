namespace DisputeKit.Core.Accounts;

/// <summary>
/// Port to the shop: suspends, limits or restores a customer's account when a person confirms
/// or lifts a flag. Implementations retry a failed call under the same idempotency key.
/// </summary>
public interface IAccountAction
{
    /// <summary>Where the call goes, for the record (a URL without secrets, or "SQL on host/database").</summary>
    string Target { get; }

    Task<AccountActionAnswer> ApplyAsync(AccountActionRequest request, CancellationToken cancellationToken);
}

/// <summary>What is asked of the shop: <c>suspend</c>, <c>limit</c> or <c>restore</c> the customer's account, and why.</summary>
public sealed record AccountActionRequest(
    string IdempotencyKey, string FlagId, string CustomerId, string Action, string Reason, string By,
    IReadOnlyList<FlaggedDispute> Disputes, DateTimeOffset At);

/// <summary>The shop's answer: whether it did it, and what it said (status and body, or the error).</summary>
public sealed record AccountActionAnswer(bool Succeeded, string Answer);

/// <summary>No account action configured: the decision is recorded, and a person applies it in the shop.</summary>
public sealed class NoAccountAction : IAccountAction
{
    public string Target => "none";

    public Task<AccountActionAnswer> ApplyAsync(AccountActionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new AccountActionAnswer(true, "No account action is configured (DisputeKit:AccountAction:Kind): apply it in the shop by hand."));
}
