namespace DisputeKit.Core.Cases;

/// <summary>
/// One idempotency key a case sends a request under, recorded before the request goes out: the
/// key DisputeKit derives from what the request does (<paramref name="Base"/>), its generation,
/// when that generation was first sent, and whether Stripe saved a failure under it.
/// Generation 0 is the base key itself, so a case already in flight keeps the keys it had.
/// </summary>
public sealed record CaseKey(string Base, int Generation, DateTimeOffset FirstSent, bool Spent = false)
{
    /// <summary>How long Stripe keeps a key's saved result; a key older than this no longer guards anything.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The key as sent.</summary>
    public string Key => Generation == 0 ? Base : $"{Base}-g{Generation}";

    /// <summary>Whether the next request must move to a new generation: Stripe replays a saved failure under this key, or no longer knows it.</summary>
    public bool Expired(DateTimeOffset now) => Spent || now - FirstSent >= Lifetime;
}
