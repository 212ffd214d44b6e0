using System.Security.Cryptography;
using System.Text;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Merchant;

namespace DisputeKit.Stripe.Client;

/// <summary>
/// Blocks a confirmed flag's customer on Stripe Radar: their email (from the seller's records)
/// on the email list, and the fingerprint of each card they disputed with (from the disputed
/// charges) on the card list. Each add carries a key made from the flag, the list and the value,
/// so asking again is the same request.
/// </summary>
public sealed class StripeRadarLists(DisputeKit.Stripe.Gateway.StripeGateway stripe, IMerchantRecords records, ICaseStore cases, RadarOptions options, TimeProvider clock) : IRadarLists
{
    /// <summary>The disputed card's fingerprint as the case keeps it; read from Stripe for cases gathered before it was kept.</summary>
    private async Task<string?> FingerprintAsync(string disputeId, CancellationToken cancellationToken)
    {
        if ((await cases.GetAsync(disputeId, cancellationToken))?.CardFingerprint is { } kept)
        {
            return kept;
        }

        var dispute = await stripe.GetDisputeAsync(disputeId, cancellationToken);
        return (dispute.Charge ?? await stripe.GetChargeAsync(dispute.ChargeId, cancellationToken)).CardFingerprint;
    }

    public async Task<IReadOnlyList<RadarChange>> BlockAsync(AccountFlag flag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var values = new List<(string List, string Kind, string Value)>();
        if (options.EmailListId is { Length: > 0 } emailList
            && (await records.FindCustomerAsync(flag.CustomerId, cancellationToken))?.Email is { Length: > 0 } email)
        {
            values.Add((emailList, "email", email.Trim().ToLowerInvariant()));
        }

        if (options.CardFingerprintListId is { Length: > 0 } cardList)
        {
            foreach (var flagged in flag.Disputes)
            {
                if (await FingerprintAsync(flagged.DisputeId, cancellationToken) is { Length: > 0 } fingerprint && !values.Contains((cardList, "card_fingerprint", fingerprint)))
                {
                    values.Add((cardList, "card_fingerprint", fingerprint));
                }
            }
        }

        var changes = new List<RadarChange>(values.Count);
        foreach (var (list, kind, value) in values)
        {
            var key = $"dk-flag-{flag.Id}-radar-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(list + "\n" + value)))[..16]}";
            changes.Add(await AddAsync(list, kind, value, key, cancellationToken));
        }

        return changes;
    }

    public async Task<RadarChange?> BlockCardAsync(string fingerprint, string idempotencyKey, CancellationToken cancellationToken) =>
        options.CardFingerprintListId is { Length: > 0 } cardList
            ? await AddAsync(cardList, "card_fingerprint", fingerprint, idempotencyKey, cancellationToken)
            : null;

    private async Task<RadarChange> AddAsync(string list, string kind, string value, string key, CancellationToken cancellationToken)
    {
        try
        {
            var itemId = await stripe.AddRadarValueAsync(list, value, key, cancellationToken);
            return new RadarChange(
                new ShopCall(clock.GetUtcNow(), $"block {kind}", $"stripe radar {list}", key, true, $"added as {itemId}"),
                new RadarItem(list, kind, value, itemId));
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            return new RadarChange(new ShopCall(clock.GetUtcNow(), $"block {kind}", $"stripe radar {list}", key, false, e.Message), null);
        }
    }

    public async Task<IReadOnlyList<RadarChange>> UnblockAsync(AccountFlag flag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var changes = new List<RadarChange>(flag.RadarItems.Count);
        foreach (var item in flag.RadarItems)
        {
            var key = $"dk-flag-{flag.Id}-unradar-{item.ItemId}";
            try
            {
                var removed = await stripe.RemoveRadarValueAsync(item.ItemId, cancellationToken);
                changes.Add(new RadarChange(
                    new ShopCall(clock.GetUtcNow(), $"unblock {item.Kind}", $"stripe radar {item.ListId}", key, true, removed ? $"removed {item.ItemId}" : $"{item.ItemId} was already gone"),
                    item));
            }
            catch (Exception e) when (e is StripeException or HttpRequestException)
            {
                changes.Add(new RadarChange(new ShopCall(clock.GetUtcNow(), $"unblock {item.Kind}", $"stripe radar {item.ListId}", key, false, e.Message), item));
            }
        }

        return changes;
    }
}
