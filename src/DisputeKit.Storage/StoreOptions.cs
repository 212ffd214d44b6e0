using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Storage;

/// <summary>Where cases, audit, flags and sweep summaries are kept (section <c>DisputeKit:Store</c>).</summary>
public sealed class StoreOptions : IValidatableObject
{
    public const string SectionName = "DisputeKit:Store";

    /// <summary><c>files</c> (the embedded default, under <c>DisputeKit:DataPath</c>) or <c>postgres</c>.</summary>
    public string Kind { get; set; } = "files";

    /// <summary>
    /// Npgsql connection string for <c>postgres</c>, e.g. <c>Host=127.0.0.1;Username=disputekit;Password=…;Database=disputekit</c>.
    /// A secret: set it from the environment (<c>DisputeKit__Store__ConnectionString</c>), never in a checked-in file.
    /// </summary>
    public string? ConnectionString { get; set; }

    public bool UsesPostgres => string.Equals(Kind, "postgres", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesPostgres && !string.Equals(Kind, "files", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"DisputeKit:Store:Kind is '{Kind}'; it must be 'files' or 'postgres'.", [nameof(Kind)]);
        }

        if (UsesPostgres && !string.IsNullOrWhiteSpace(ConnectionString) && DisputeKit.Postgres.PostgresConnectionString.Problem(ConnectionString) is { } malformed)
        {
            yield return new ValidationResult($"DisputeKit:Store:ConnectionString is not a PostgreSQL connection string ({malformed}).", [nameof(ConnectionString)]);
        }

        if (UsesPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "DisputeKit:Store:Kind is 'postgres' but DisputeKit:Store:ConnectionString is empty (set DisputeKit__Store__ConnectionString).",
                [nameof(ConnectionString)]);
        }
    }
}
