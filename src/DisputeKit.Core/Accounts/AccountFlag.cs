namespace DisputeKit.Core.Accounts;

/// <summary>
/// A proposal to limit or suspend a customer's account because they disputed without
/// contacting support. One open flag per account; every dispute behind it is linked. A person
/// confirms (suspend or limit) or lifts it; every step says who, when and why.
/// </summary>
public sealed record AccountFlag
{
    /// <summary>The flag's own id (<c>{customer}-{created yyyyMMddHHmmss}</c>): an account flagged again later gets a new flag, the old one is kept.</summary>
    public string Id
    {
        get => _id ?? NewId(CustomerId, CreatedAt);
        init => _id = string.IsNullOrEmpty(value) ? null : value;
    }

    private readonly string? _id;
    public required string CustomerId { get; init; }
    /// <summary><see cref="FlagStates"/>: <c>proposed</c>, <c>confirmed</c>, <c>lifted</c> or <c>expired</c>.</summary>
    public required string State { get; init; }
    /// <summary><c>review</c>, <c>limit</c> or <c>suspend</c>; the most serious of its disputes.</summary>
    public required string Severity { get; init; }
    public required string SuggestedAction { get; init; }
    /// <summary>What a person confirmed: <c>suspend</c> or <c>limit</c> (null until confirmed).</summary>
    public string? Action { get; init; }
    public required IReadOnlyList<FlaggedDispute> Disputes { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Every change of state and every note, oldest first: who, when, why.</summary>
    public IReadOnlyList<FlagEvent> History { get; init; } = [];
    /// <summary>Every call made to the shop (and Stripe Radar) for this flag, with the answer.</summary>
    public IReadOnlyList<ShopCall> ShopCalls { get; init; } = [];

    /// <summary>Values put on Stripe Radar lists when the flag was confirmed, removed again when it is lifted.</summary>
    public IReadOnlyList<RadarItem> RadarItems { get; init; } = [];

    /// <summary>The latest message the customer sent support after disputing, once DisputeKit noticed it (null: none).</summary>
    public DateTimeOffset? WroteInAt { get; init; }

    /// <summary>True while the flag is proposed or confirmed.</summary>
    public bool IsOpen => State is FlagStates.Proposed or FlagStates.Confirmed;

    /// <summary>True when any dispute behind it claims the card was used without the holder's consent: only a person may confirm it.</summary>
    public bool NeedsPerson => Severity == "review";

    /// <summary>The id given to a flag created for <paramref name="customerId"/> at <paramref name="at"/>.</summary>
    public static string NewId(string customerId, DateTimeOffset at) =>
        $"{customerId}-{at.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>A new state, with who moved it there and why.</summary>
    public AccountFlag MoveTo(string state, FlagActor by, string why, DateTimeOffset at) => this with
    {
        State = state,
        UpdatedAt = at,
        History = [.. History, new FlagEvent(at, State, state, by.Name, by.IsPerson, why)],
    };

    /// <summary>A note in the history, the state unchanged.</summary>
    public AccountFlag Note(FlagActor by, string text, DateTimeOffset at) => this with
    {
        UpdatedAt = at,
        History = [.. History, new FlagEvent(at, State, State, by.Name, by.IsPerson, text)],
    };
}

/// <summary>The states of a flag.</summary>
public static class FlagStates
{
    public const string Proposed = "proposed";
    public const string Confirmed = "confirmed";
    public const string Lifted = "lifted";
    public const string Expired = "expired";

    public static IReadOnlyList<string> All { get; } = [Proposed, Confirmed, Lifted, Expired];
}

/// <summary>
/// A dispute behind a flag, with the reason it was flagged; <paramref name="Withdrawn"/> once the
/// customer withdrew it (closed in the seller's favour with no evidence sent).
/// </summary>
public sealed record FlaggedDispute(string DisputeId, string DisputeReason, long Amount, string Currency, string Severity, string Why, bool Withdrawn = false);

/// <summary>One step in a flag's history: from which state to which, by whom (a person or DisputeKit itself), and why.</summary>
public sealed record FlagEvent(DateTimeOffset At, string From, string To, string By, bool ByPerson, string Why);

/// <summary>Who acts on a flag: a named person, or DisputeKit's own automatic paths.</summary>
public sealed record FlagActor(string Name, bool IsPerson)
{
    public static FlagActor DisputeKit { get; } = new("disputekit", IsPerson: false);

    public static FlagActor Person(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A person acting on a flag must be named.", nameof(name)) : new(name.Trim(), IsPerson: true);
}

/// <summary>
/// One call to the shop's account action (or Stripe Radar): what was asked (<c>suspend</c>,
/// <c>limit</c>, <c>restore</c>), where, under which idempotency key, and what came back.
/// </summary>
public sealed record ShopCall(DateTimeOffset At, string Action, string Target, string IdempotencyKey, bool Succeeded, string Answer);
