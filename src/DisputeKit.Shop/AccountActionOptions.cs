namespace DisputeKit.Shop;

/// <summary>
/// <c>DisputeKit:AccountAction</c>: how confirming or lifting a flag reaches the shop. <c>none</c>
/// records the decision only; <c>webhook</c> posts a signed JSON call; <c>sql</c> runs a statement
/// on the merchant's PostgreSQL.
/// </summary>
public sealed class AccountActionOptions
{
    public const string Section = "DisputeKit:AccountAction";

    /// <summary><c>none</c> (default), <c>webhook</c> or <c>sql</c>.</summary>
    public string Kind { get; set; } = "none";

    /// <summary>The shop's endpoint for <c>webhook</c> (http or https).</summary>
    public string? Url { get; set; }

    /// <summary>The shared secret the webhook body is signed with (HMAC-SHA256); set it in the environment, never in a file.</summary>
    public string? Secret { get; set; }

    /// <summary>Seconds to wait for one answer.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Tries in all for one call (a timeout, a connection failure, 408, 429 or 5xx is tried again under the same key).</summary>
    public int Attempts { get; set; } = 4;

    /// <summary>The merchant's PostgreSQL for <c>sql</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Statements for <c>sql</c>, each given <c>@customer_id</c>, <c>@flag_id</c>, <c>@action</c>, <c>@reason</c>, <c>@by</c> and <c>@idempotency_key</c>.</summary>
    public string? SuspendSql { get; set; }

    public string? LimitSql { get; set; }

    public string? RestoreSql { get; set; }

    /// <summary>What is wrong with the settings, each naming its setting (never a secret's value); empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        switch (Kind)
        {
            case "none":
                break;
            case "webhook":
                if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    problems.Add($"{Section}:Url must be an http or https address (is '{Url}').");
                }

                if (string.IsNullOrEmpty(Secret) || Secret.Length < 16)
                {
                    problems.Add($"{Section}:Secret must be set, at least 16 characters (DisputeKit__AccountAction__Secret).");
                }

                break;
            case "sql":
                if (string.IsNullOrWhiteSpace(ConnectionString))
                {
                    problems.Add($"{Section}:ConnectionString must be set for kind sql.");
                }

                foreach (var (name, sql) in new[] { ("SuspendSql", SuspendSql), ("LimitSql", LimitSql), ("RestoreSql", RestoreSql) })
                {
                    if (string.IsNullOrWhiteSpace(sql))
                    {
                        problems.Add($"{Section}:{name} must be set for kind sql.");
                    }
                }

                break;
            default:
                problems.Add($"{Section}:Kind must be none, webhook or sql (is '{Kind}').");
                break;
        }

        if (TimeoutSeconds is <= 0 or > 300)
        {
            problems.Add($"{Section}:TimeoutSeconds must be between 0 and 300 (is {TimeoutSeconds}).");
        }

        if (Attempts is < 1 or > 10)
        {
            problems.Add($"{Section}:Attempts must be between 1 and 10 (is {Attempts}).");
        }

        return problems;
    }
}
