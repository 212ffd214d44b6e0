namespace DisputeKit.Review;

/// <summary>
/// The review page support uses to decide on flagged accounts (section <c>DisputeKit:Review</c>).
/// It is served only when someone can sign in: at least one user, or a token.
/// </summary>
public sealed class ReviewOptions
{
    public const string Section = "DisputeKit:Review";

    /// <summary>Where the page listens. Default <c>http://127.0.0.1:5080</c> (this machine only); port 0 picks a free port.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Reviewers by name, each with a password hash made by <c>disputekit hash-password</c>.</summary>
    public Dictionary<string, string> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A shared sign-in token (at least 24 characters): whoever has it signs in under the name
    /// they type. Personal users are better, as their names are proven. Unset by default.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>How long a sign-in lasts, hours. Default 8.</summary>
    public double SessionHours { get; set; } = 8;

    /// <summary>Failed sign-ins under one name before that name is refused for <see cref="LockoutMinutes"/>. Default 5.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>Default 15.</summary>
    public double LockoutMinutes { get; set; } = 15;

    /// <summary>True when someone can sign in, so the page may be served.</summary>
    public bool CanSignIn => Users.Count > 0 || !string.IsNullOrEmpty(Token);

    public const int MinTokenLength = 24;

    /// <summary>Every setting that cannot work, each naming its setting; never the secret itself.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/")
        {
            problems.Add($"{Section}:Url must be an http(s) address with no path, like http://127.0.0.1:5080 (got '{Url}').");
        }

        foreach (var (name, hash) in Users)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Trim() != name)
            {
                problems.Add($"{Section}:Users has a user name that is empty or has spaces around it ('{name}').");
            }

            if (!PasswordHash.IsWellFormed(hash))
            {
                problems.Add($"{Section}:Users:{name} is not a password hash made by 'disputekit hash-password' (expected pbkdf2-sha512$iterations$salt$hash).");
            }
        }

        if (Token is { Length: > 0 and < MinTokenLength })
        {
            problems.Add($"{Section}:Token is too short: use at least {MinTokenLength} random characters.");
        }

        if (SessionHours is <= 0 or > 24 * 7)
        {
            problems.Add($"{Section}:SessionHours must be more than 0 and at most 168 (got {SessionHours}).");
        }

        if (MaxFailedSignIns < 1)
        {
            problems.Add($"{Section}:MaxFailedSignIns must be at least 1 (got {MaxFailedSignIns}).");
        }

        return problems;
    }
}
