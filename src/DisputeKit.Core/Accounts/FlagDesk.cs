using Microsoft.Extensions.Logging;

namespace DisputeKit.Core.Accounts;

/// <summary>
/// What a person (or an automatic path) does with a flag: confirm it (suspend or limit the
/// account in the shop), lift it (undoing what the shop did), or add a note. Every step is
/// recorded on the flag with who, when and why, and every call to the shop with its answer.
/// The command line and the review page both act through here.
/// </summary>
public sealed partial class FlagDesk(IFlagStore flags, IAccountAction shop, IRadarLists radar, TimeProvider clock, ILogger<FlagDesk> logger)
{
    /// <summary>What confirming a flag may do to the account.</summary>
    public static IReadOnlyList<string> ConfirmActions { get; } = ["suspend", "limit"];

    public async Task<FlagOutcome> ConfirmAsync(string customerId, string action, FlagActor by, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!ConfirmActions.Contains(action))
        {
            return FlagOutcome.Invalid($"The action must be {string.Join(" or ", ConfirmActions)}, not '{action}'.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return FlagOutcome.Invalid("Say why the flag is confirmed (--reason).");
        }

        var open = await flags.GetOpenAsync(customerId, cancellationToken);
        if (open is null)
        {
            return FlagOutcome.NotFound(customerId);
        }

        if (open.State == FlagStates.Confirmed)
        {
            return FlagOutcome.Refused(open, $"The flag on {customerId} is already confirmed ({open.Action}).");
        }

        // A card-theft claim: the cardholder may be a victim, not a friendly-fraud customer.
        if (open.NeedsPerson && !by.IsPerson)
        {
            Log.AutomaticConfirmRefused(logger, open.Id);
            return FlagOutcome.Refused(open, $"The flag on {customerId} includes a claim that the card was used without the holder's consent: only a person may confirm it.");
        }

        return await CallShopThenAsync(open, action, by, reason, FlagStates.Confirmed, cancellationToken);
    }

    public async Task<FlagOutcome> LiftAsync(string customerId, FlagActor by, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return FlagOutcome.Invalid("Say why the flag is lifted (--reason).");
        }

        var open = await flags.GetOpenAsync(customerId, cancellationToken);
        if (open is null)
        {
            return FlagOutcome.NotFound(customerId);
        }

        if (open.State != FlagStates.Confirmed)
        {
            // A proposed flag never reached the shop or Stripe Radar.
            return await SaveAsync(open, f => f.MoveTo(FlagStates.Lifted, by, reason, clock.GetUtcNow()), cancellationToken);
        }

        // A confirmed one is undone first: the Radar blocks, then the shop. Until both are undone it stays confirmed.
        var removed = await radar.UnblockAsync(open, cancellationToken);
        if (removed.Any(r => !r.Call.Succeeded))
        {
            var failed = removed.First(r => !r.Call.Succeeded).Call;
            var outcome = await SaveAsync(open, f => f.Note(by, $"Stripe Radar did not remove a block: {failed.Answer}", clock.GetUtcNow()) with
            {
                ShopCalls = [.. f.ShopCalls, .. removed.Select(r => r.Call)],
                RadarItems = [.. f.RadarItems.Where(i => !removed.Any(r => r.Call.Succeeded && r.Item?.ItemId == i.ItemId))],
            }, cancellationToken);
            return outcome.Kind != FlagOutcomeKind.Done
                ? outcome
                : FlagOutcome.ShopFailed(outcome.Flag!, $"Stripe Radar did not remove the block on {open.CustomerId}: {failed.Answer}. The flag stays confirmed; try again.");
        }

        return await CallShopThenAsync(open, "restore", by, reason, FlagStates.Lifted, cancellationToken, removed);
    }

    public async Task<FlagOutcome> NoteAsync(string customerId, FlagActor by, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (string.IsNullOrWhiteSpace(text))
        {
            return FlagOutcome.Invalid("A note needs text.");
        }

        var open = await flags.GetOpenAsync(customerId, cancellationToken);
        return open is null
            ? FlagOutcome.NotFound(customerId)
            : await SaveAsync(open, f => f.Note(by, text.Trim(), clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// Asks the shop, then records its answer on the flag; the flag moves to <paramref name="state"/>
    /// only when the shop did it. The key is the flag's and the action's, so asking again after
    /// a failure is the same request to the shop.
    /// </summary>
    private async Task<FlagOutcome> CallShopThenAsync(
        AccountFlag open, string action, FlagActor by, string reason, string state, CancellationToken cancellationToken, IReadOnlyList<RadarChange>? unblocked = null)
    {
        var key = $"dk-flag-{open.Id}-{action}";
        var request = new AccountActionRequest(key, open.Id, open.CustomerId, action, reason.Trim(), by.Name, open.Disputes, clock.GetUtcNow());
        var answer = await shop.ApplyAsync(request, cancellationToken);
        var call = new ShopCall(clock.GetUtcNow(), action, shop.Target, key, answer.Succeeded, answer.Answer);
        Log.ShopCalled(logger, open.Id, action, answer.Succeeded);

        // Once the shop has acted on a confirmation, new payments are blocked on Stripe Radar too (when lists are configured).
        IReadOnlyList<RadarChange> radarChanges = unblocked ?? [];
        if (answer.Succeeded && state == FlagStates.Confirmed)
        {
            radarChanges = await radar.BlockAsync(open, cancellationToken);
        }

        var outcome = await SaveAsync(open, f =>
        {
            var recorded = f with
            {
                // In the order they were made: Radar unblocked before the shop restores; blocked after the shop acted.
                ShopCalls = unblocked is not null
                    ? [.. f.ShopCalls, .. unblocked.Select(r => r.Call), call]
                    : [.. f.ShopCalls, call, .. radarChanges.Select(r => r.Call)],
                RadarItems = unblocked is not null ? [] : [.. f.RadarItems, .. radarChanges.Where(r => r.Call.Succeeded && r.Item is not null).Select(r => r.Item!)],
            };
            return answer.Succeeded
                ? recorded.MoveTo(state, by, reason.Trim(), call.At) with { Action = state == FlagStates.Confirmed ? action : f.Action }
                : recorded.Note(by, $"the shop did not {action} the account: {answer.Answer}", call.At);
        }, cancellationToken);
        return answer.Succeeded || outcome.Kind != FlagOutcomeKind.Done
            ? outcome
            : FlagOutcome.ShopFailed(outcome.Flag!, $"The shop did not {action} the account of {open.CustomerId}: {answer.Answer}. The flag stays {open.State}; try again (same request).");
    }

    /// <summary>Applies <paramref name="change"/> to the open flag if it is still the one that was read.</summary>
    private async Task<FlagOutcome> SaveAsync(AccountFlag read, Func<AccountFlag, AccountFlag> change, CancellationToken cancellationToken)
    {
        AccountFlag? saved = null;
        await flags.UpdateOpenAsync(read.CustomerId, current =>
        {
            if (current is null || current.Id != read.Id || current.State != read.State)
            {
                return null;
            }

            saved = change(current);
            return saved;
        }, cancellationToken);
        return saved is null
            ? FlagOutcome.Refused(read, $"The flag on {read.CustomerId} was changed by someone else meanwhile; look again.")
            : FlagOutcome.Done(saved);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Flag {FlagId}: an automatic path may not confirm a flag over a card-theft claim")]
        public static partial void AutomaticConfirmRefused(ILogger logger, string flagId);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Flag {FlagId}: shop asked to {Action}, succeeded {Succeeded}")]
        public static partial void ShopCalled(ILogger logger, string flagId, string action, bool succeeded);
    }
}

public enum FlagOutcomeKind
{
    Done,
    Invalid,
    NotFound,
    Refused,
    ShopFailed,
}

/// <summary>What came of an action on a flag, and the flag as it now is.</summary>
public sealed record FlagOutcome(FlagOutcomeKind Kind, AccountFlag? Flag, string Message)
{
    public static FlagOutcome Done(AccountFlag flag) => new(FlagOutcomeKind.Done, flag, $"Flag on {flag.CustomerId} is {flag.State}.");

    public static FlagOutcome Invalid(string message) => new(FlagOutcomeKind.Invalid, null, message);

    public static FlagOutcome NotFound(string customerId) => new(FlagOutcomeKind.NotFound, null, $"No open flag on customer {customerId}.");

    public static FlagOutcome Refused(AccountFlag flag, string message) => new(FlagOutcomeKind.Refused, flag, message);

    public static FlagOutcome ShopFailed(AccountFlag flag, string message) => new(FlagOutcomeKind.ShopFailed, flag, message);
}
