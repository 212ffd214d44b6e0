using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace DisputeKit.Review;

/// <summary>A signed-in person: who, in what role, until when, and the token every form must carry back (CSRF).</summary>
public sealed class ReviewSession(string id, string user, string role, string csrf, DateTimeOffset expiresAt)
{
    public string Id { get; } = id;
    public string User { get; } = user;
    /// <summary>One of <see cref="ReviewRoles.All"/>: what this person may do.</summary>
    public string Role { get; } = role;
    public string Csrf { get; } = csrf;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>A message for the next page shown (what an action did); read once.</summary>
    public Flash? Flash { get; set; }

    /// <summary>True when <paramref name="token"/> is this session's form token; the comparison takes the same time either way.</summary>
    public bool Accepts(string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(Csrf));
}

/// <summary>What an action did, shown once on the next page.</summary>
public sealed record Flash(bool Ok, string Message);

/// <summary>
/// Sign-ins kept in this process's memory: a random session id in an HttpOnly, SameSite=Strict
/// cookie, and a random form token per session. A restart signs everyone out. How often anyone
/// may try is the rate limiter's business (<see cref="ReviewServiceCollectionExtensions"/>), by
/// client address and in all, never a lock on a name that a stranger could set.
/// </summary>
public sealed class ReviewSessions(ReviewOptions options, TimeProvider clock)
{
    public const string Cookie = "dk_review";

    private readonly ConcurrentDictionary<string, ReviewSession> _sessions = new(StringComparer.Ordinal);

    public enum SignInResult
    {
        SignedIn,
        Wrong,
    }

    /// <summary>Checks a name and password (or the shared token); a new session on success.</summary>
    public (SignInResult Result, ReviewSession? Session) SignIn(string? name, string? password)
    {
        password ??= string.Empty;
        if (ReviewNames.Normalize(name) is not { } normalized)
        {
            PasswordHash.Waste(password);
            return (SignInResult.Wrong, null);
        }

        // A configured reviewer signs in under the configured spelling, whatever the case typed.
        name = options.Users.Keys.FirstOrDefault(u => ReviewNames.Same(u, normalized)) ?? normalized;
        if (name.Length == 0 || Verify(name, password) is not { } role)
        {
            return (SignInResult.Wrong, null);
        }

        var now = clock.GetUtcNow();
        var session = new ReviewSession(NewSecret(), name, role, NewSecret(), now.AddHours(options.SessionHours));
        _sessions[session.Id] = session;
        return (SignInResult.SignedIn, session);
    }

    /// <summary>The live session with this id, or null (unknown or expired).</summary>
    public ReviewSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (session.ExpiresAt <= clock.GetUtcNow())
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        return session;
    }

    public void End(ReviewSession session) => _sessions.TryRemove(session.Id, out _);

    /// <summary>The role the name and password sign in with; null when they are wrong.</summary>
    private string? Verify(string name, string password)
    {
        if (options.Users.TryGetValue(name, out var user))
        {
            return PasswordHash.Verify(password, user.Password) ? user.Role : null;
        }

        // The shared token signs in under a name of one's own, never under a configured person's.
        if (options.Token is { Length: >= ReviewOptions.MinTokenLength } token && !options.Users.Keys.Any(u => ReviewNames.Same(u, name)))
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(token)) ? options.TokenRole : null;
        }

        PasswordHash.Waste(password);
        return null;
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
