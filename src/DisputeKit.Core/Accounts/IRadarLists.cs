namespace DisputeKit.Core.Accounts;

/// <summary>
/// Stripe Radar value lists that block new payments from a confirmed flag's customer: their
/// email and the fingerprints of the cards they disputed with. Optional: with no list
/// configured nothing is blocked (<see cref="NoRadarLists"/>).
/// </summary>
public interface IRadarLists
{
    /// <summary>Adds the flag's customer to the configured lists; one change per value, with Stripe's answer.</summary>
    Task<IReadOnlyList<RadarChange>> BlockAsync(AccountFlag flag, CancellationToken cancellationToken);

    /// <summary>Removes every item the flag added (<see cref="AccountFlag.RadarItems"/>); an item already gone counts as removed.</summary>
    Task<IReadOnlyList<RadarChange>> UnblockAsync(AccountFlag flag, CancellationToken cancellationToken);

    /// <summary>Puts one card's fingerprint on the configured card list (a refunded early fraud warning's card); null when no card list is configured.</summary>
    Task<RadarChange?> BlockCardAsync(string fingerprint, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>One value added to or removed from a Radar list: the call as recorded on the flag, and the item added or removed (null when adding failed).</summary>
public sealed record RadarChange(ShopCall Call, RadarItem? Item);

/// <summary>A value DisputeKit put on a Radar list for a flag: the list, what kind of value, the value, and the item's id to remove it by.</summary>
public sealed record RadarItem(string ListId, string Kind, string Value, string ItemId);

/// <summary>No Radar lists configured: nothing is blocked or unblocked.</summary>
public sealed class NoRadarLists : IRadarLists
{
    public Task<IReadOnlyList<RadarChange>> BlockAsync(AccountFlag flag, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RadarChange>>([]);

    public Task<IReadOnlyList<RadarChange>> UnblockAsync(AccountFlag flag, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RadarChange>>([]);

    public Task<RadarChange?> BlockCardAsync(string fingerprint, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult<RadarChange?>(null);
}
