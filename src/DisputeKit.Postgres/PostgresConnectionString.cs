using System.Text.RegularExpressions;
using Npgsql;

namespace DisputeKit.Postgres;

/// <summary>Checks a PostgreSQL connection string from the settings, for both the store and the merchant source.</summary>
public static partial class PostgresConnectionString
{
    /// <summary>Why Npgsql cannot read the connection string, without repeating it (it holds the password); null when it can.</summary>
    public static string? Problem(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException e)
        {
            // Npgsql names an unknown keyword in quotes; nothing else of its message is repeated.
            var keyword = QuotedKeyword().Match(e.Message);
            return keyword.Success ? $"'{keyword.Groups[1].Value}' is not a setting Npgsql knows" : "it is not a list of key=value settings";
        }
    }

    [GeneratedRegex("'([A-Za-z ]{1,40})'")]
    private static partial Regex QuotedKeyword();
}
