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

    /// <summary>People by name, each with a password hash made by <c>disputekit hash-password</c> and a role (<see cref="ReviewRoles"/>).</summary>
    public Dictionary<string, ReviewUser> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A shared sign-in token (at least 24 characters): whoever has it signs in under the name
    /// they type. Personal users are better, as their names are proven. Unset by default.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>The role of whoever signs in with <see cref="Token"/>. Default <c>support</c>.</summary>
    public string TokenRole { get; set; } = ReviewRoles.Default;

    /// <summary>How long a sign-in lasts, hours. Default 8.</summary>
    public double SessionHours { get; set; } = 8;

    /// <summary>
    /// Sign-in attempts (right or wrong) one client address may make in <see cref="SignInWindowMinutes"/>;
    /// the next is answered 429 until the window moves on. Default 10. Behind a reverse proxy the
    /// address is the one the proxy forwards, when the proxy is listed in <see cref="TrustedProxies"/>.
    /// </summary>
    public int SignInsPerAddress { get; set; } = 10;

    /// <summary>Sign-in attempts from all addresses together in <see cref="SignInWindowMinutes"/>. Default 100.</summary>
    public int SignInsInAll { get; set; } = 100;

    /// <summary>The sliding window both sign-in limits count in, minutes. Default 10.</summary>
    public double SignInWindowMinutes { get; set; } = 10;

    /// <summary>
    /// Reverse proxies (IP addresses, or networks like <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c>
    /// and <c>X-Forwarded-Proto</c> are believed: the client address the limits count, and HTTPS,
    /// which makes the session cookie <c>Secure</c>. Empty by default: those headers are ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Send <c>Strict-Transport-Security</c> (one year) on HTTPS requests. Off by default; turn it on once the page is served over HTTPS only.</summary>
    public bool Hsts { get; set; }

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

        foreach (var (name, user) in Users)
        {
            var hash = user?.Password ?? string.Empty;
            if (string.IsNullOrWhiteSpace(name) || name.Trim() != name)
            {
                problems.Add($"{Section}:Users has a user name that is empty or has spaces around it ('{name}').");
            }

            if (!PasswordHash.IsWellFormed(hash))
            {
                problems.Add($"{Section}:Users:{name} is not a password hash made by 'disputekit hash-password' (expected pbkdf2-sha512$iterations$salt$hash, as Users:{name} or Users:{name}:Password).");
            }

            if (!ReviewRoles.IsKnown(user?.Role))
            {
                problems.Add($"{Section}:Users:{name}:Role must be {string.Join(", ", ReviewRoles.All)} (got '{user?.Role}').");
            }
        }

        if (!ReviewRoles.IsKnown(TokenRole))
        {
            problems.Add($"{Section}:TokenRole must be {string.Join(", ", ReviewRoles.All)} (got '{TokenRole}').");
        }

        if (Token is { Length: > 0 and < MinTokenLength })
        {
            problems.Add($"{Section}:Token is too short: use at least {MinTokenLength} random characters.");
        }

        if (SessionHours is <= 0 or > 24 * 7)
        {
            problems.Add($"{Section}:SessionHours must be more than 0 and at most 168 (got {SessionHours}).");
        }

        if (SignInsPerAddress < 1 || SignInsInAll < SignInsPerAddress)
        {
            problems.Add($"{Section}:SignInsPerAddress must be at least 1 and SignInsInAll at least as many (got {SignInsPerAddress} and {SignInsInAll}).");
        }

        if (SignInWindowMinutes is <= 0 or > 24 * 60)
        {
            problems.Add($"{Section}:SignInWindowMinutes must be more than 0 and at most 1440 (got {SignInWindowMinutes}).");
        }

        foreach (var proxy in TrustedProxies)
        {
            if (ParseProxy(proxy) is null)
            {
                problems.Add($"{Section}:TrustedProxies has '{proxy}', which is neither an IP address nor a network like 10.0.0.0/8.");
            }
        }

        return problems;
    }

    /// <summary>A trusted proxy as a network (an address alone is a network of one), or null when it is neither.</summary>
    public static System.Net.IPNetwork? ParseProxy(string? proxy)
    {
        var text = proxy?.Trim() ?? string.Empty;
        if (text.Contains('/', StringComparison.Ordinal))
        {
            // A network's address has no bits beyond its prefix: 10.0.0.1/8 is a typing mistake, not 10.0.0.0/8.
            return System.Net.IPNetwork.TryParse(text, out var network)
                && System.Net.IPAddress.TryParse(text[..text.IndexOf('/', StringComparison.Ordinal)], out var written) && written.Equals(network.BaseAddress)
                ? network
                : null;
        }

        return System.Net.IPAddress.TryParse(text, out var address)
            ? new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }
}
