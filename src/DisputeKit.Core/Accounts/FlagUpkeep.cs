using System.Globalization;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Accounts;

/// <summary>
/// Keeps open flags true after every sweep, with a note for each step: a flag whose disputes
/// were all withdrawn is lifted (the shop is asked to restore a confirmed account); support is
/// told when a flagged customer writes in after disputing (the contact the policy asked for);
/// a proposal nobody decided on expires. Each step is safe to repeat: a lift the shop refused is
/// asked again on the next sweep, a message is noted once.
/// </summary>
public sealed partial class FlagUpkeep(
    IFlagStore flags, FlagDesk desk, IMerchantRecords records, IOptions<FlagOptions> options, TimeProvider clock, ILogger<FlagUpkeep> logger)
{
    /// <summary>
    /// True when the customer withdrew the dispute: Stripe closed it in the seller's favour
    /// (<c>won</c>, or an inquiry <c>warning_closed</c>) and no evidence was ever submitted, so
    /// nothing but the customer's own withdrawal decided it.
    /// </summary>
    public static bool IsWithdrawn(Dispute dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return dispute.Status is "won" or "warning_closed" && dispute.SubmissionCount == 0;
    }

    /// <param name="disputes">The disputes as Stripe lists them now.</param>
    public Task<FlagUpkeepResult> RunAsync(IReadOnlyCollection<Dispute> disputes, CancellationToken cancellationToken) =>
        RunAsync(new Listed(disputes.ToDictionary(d => d.Id, StringComparer.Ordinal)), cancellationToken);

    /// <param name="listed">The disputes as Stripe lists them now, found by id: only those behind open flags are looked up.</param>
    public async Task<FlagUpkeepResult> RunAsync(IListedDisputes listed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var result = new FlagUpkeepResult();
        await foreach (var flag in flags.ScanOpenAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var byId = new Dictionary<string, Dispute>(StringComparer.Ordinal);
            foreach (var disputed in flag.Disputes)
            {
                if (await listed.FindAsync(disputed.DisputeId, cancellationToken) is { } dispute)
                {
                    byId[dispute.Id] = dispute;
                }
            }

            switch (await WithdrawnAsync(flag, byId, cancellationToken))
            {
                case Withdrawal.Lifted:
                    result = result with { Lifted = result.Lifted + 1 };
                    continue;
                case Withdrawal.LiftRefused:
                    result = result with { LiftsRefused = result.LiftsRefused + 1 };
                    break;
            }

            if (await WroteInAsync(flag, byId, cancellationToken))
            {
                result = result with { WroteIn = result.WroteIn + 1 };
            }

            if (await ExpireAsync(flag, cancellationToken))
            {
                result = result with { Expired = result.Expired + 1 };
            }
        }

        return result;
    }

    private sealed class Listed(Dictionary<string, Dispute> byId) : IListedDisputes
    {
        public ValueTask<Dispute?> FindAsync(string disputeId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(byId.GetValueOrDefault(disputeId));
    }

    private enum Withdrawal
    {
        NotAll,
        Lifted,
        LiftRefused,
    }

    /// <summary>Marks withdrawn disputes; lifts the flag when every dispute behind it is.</summary>
    private async Task<Withdrawal> WithdrawnAsync(AccountFlag flag, Dictionary<string, Dispute> byId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var newly = flag.Disputes
            .Where(d => !d.Withdrawn && byId.TryGetValue(d.DisputeId, out var listed) && IsWithdrawn(listed))
            .Select(d => d.DisputeId)
            .ToHashSet(StringComparer.Ordinal);
        if (newly.Count > 0)
        {
            await flags.UpdateOpenAsync(flag.CustomerId, open =>
            {
                if (open is null || open.Id != flag.Id)
                {
                    return null;
                }

                var marked = open with { Disputes = [.. open.Disputes.Select(d => newly.Contains(d.DisputeId) ? d with { Withdrawn = true } : d)] };
                var why = string.Join("; ", newly.Order(StringComparer.Ordinal).Select(id => $"dispute {id} was withdrawn by the customer (closed {byId[id].Status} with no evidence sent)"));
                return marked.Note(FlagActor.DisputeKit, why, now);
            }, cancellationToken);
            Log.DisputesWithdrawn(logger, flag.Id, newly.Count);
        }

        var current = newly.Count > 0 ? await flags.GetOpenAsync(flag.CustomerId, cancellationToken) : flag;
        if (current is null || current.Id != flag.Id || !current.Disputes.All(d => d.Withdrawn))
        {
            return Withdrawal.NotAll;
        }

        var outcome = await desk.LiftAsync(
            flag.CustomerId,
            FlagActor.DisputeKit,
            $"every dispute behind the flag was withdrawn by the customer ({string.Join(", ", current.Disputes.Select(d => d.DisputeId))}), so the chargeback the policy answers no longer stands",
            cancellationToken);
        if (outcome.Kind == FlagOutcomeKind.Done)
        {
            Log.LiftedAutomatically(logger, flag.Id);
            return Withdrawal.Lifted;
        }

        Log.AutomaticLiftFailed(logger, flag.Id, outcome.Message);
        return Withdrawal.LiftRefused;
    }

    /// <summary>Notes messages the customer sent support after disputing, each once. True when something new was noted.</summary>
    private async Task<bool> WroteInAsync(AccountFlag flag, Dictionary<string, Dispute> byId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var disputed = flag.Disputes.Select(d => byId.TryGetValue(d.DisputeId, out var listed) ? listed.Created : flag.CreatedAt).Min();
        var since = flag.WroteInAt is { } noticed && noticed > disputed ? noticed : disputed;
        var customer = await records.FindCustomerAsync(flag.CustomerId, cancellationToken);
        var messages = await records.SupportMessagesAsync(flag.CustomerId, customer?.Email, [], cancellationToken);
        var fresh = messages.Where(m => m.IsInbound && m.At > since && m.At <= now).OrderBy(m => m.At).ToList();
        if (fresh.Count == 0)
        {
            return false;
        }

        var last = fresh[^1];
        var said = last.Subject is { Length: > 0 } subject ? subject : last.Body;
        if (said.Length > 140)
        {
            said = said[..140] + "…";
        }

        var note = string.Create(CultureInfo.InvariantCulture,
            $"the customer wrote to support after disputing ({fresh.Count} message(s), the latest {Formats.Stamp(last.At)} by {last.Channel}: \"{said}\"): this is the contact the policy asked for; review the flag");
        var saved = await flags.UpdateOpenAsync(flag.CustomerId, open =>
            open is null || open.Id != flag.Id || (open.WroteInAt is { } seen && seen >= last.At)
                ? null
                : open.Note(FlagActor.DisputeKit, note, now) with { WroteInAt = last.At },
            cancellationToken);
        if (saved)
        {
            Log.CustomerWroteIn(logger, flag.Id, flag.CustomerId, fresh.Count);
        }

        return saved;
    }

    /// <summary>Expires a proposal nobody decided on in time. True when it expired.</summary>
    private async Task<bool> ExpireAsync(AccountFlag flag, CancellationToken cancellationToken)
    {
        var days = options.Value.ExpireProposedAfterDays;
        var now = clock.GetUtcNow();
        if (days == 0 || flag.State != FlagStates.Proposed || now - flag.CreatedAt < TimeSpan.FromDays(days))
        {
            return false;
        }

        var saved = await flags.UpdateOpenAsync(flag.CustomerId, open =>
            open is null || open.Id != flag.Id || open.State != FlagStates.Proposed
                ? null
                : open.MoveTo(FlagStates.Expired, FlagActor.DisputeKit, $"nobody decided on the proposal within {days} days (DisputeKit:Flags:ExpireProposedAfterDays)", now),
            cancellationToken);
        if (saved)
        {
            Log.Expired(logger, flag.Id, days);
        }

        return saved;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "Flag {FlagId}: {Count} dispute(s) withdrawn by the customer")]
        public static partial void DisputesWithdrawn(ILogger logger, string flagId, int count);

        [LoggerMessage(EventId = 1212, Level = LogLevel.Information, Message = "Flag {FlagId}: lifted automatically, every dispute behind it was withdrawn")]
        public static partial void LiftedAutomatically(ILogger logger, string flagId);

        [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "Flag {FlagId}: every dispute behind it was withdrawn but it could not be lifted yet ({Why}); the next sweep asks again")]
        public static partial void AutomaticLiftFailed(ILogger logger, string flagId, string why);

        [LoggerMessage(EventId = 1214, Level = LogLevel.Warning, Message = "Flag {FlagId}: flagged customer {CustomerId} wrote to support after disputing ({Count} message(s)); support should review the flag")]
        public static partial void CustomerWroteIn(ILogger logger, string flagId, string customerId, int count);

        [LoggerMessage(EventId = 1215, Level = LogLevel.Information, Message = "Flag {FlagId}: expired, nobody decided within {Days} days")]
        public static partial void Expired(ILogger logger, string flagId, int days);
    }
}

/// <summary>What the upkeep after a sweep did to flags.</summary>
public sealed record FlagUpkeepResult
{
    public int Lifted { get; init; }
    /// <summary>Flags whose disputes were all withdrawn but that could not be lifted yet (the shop refused); asked again next sweep.</summary>
    public int LiftsRefused { get; init; }
    public int WroteIn { get; init; }
    public int Expired { get; init; }
}
