using System.ComponentModel.DataAnnotations;
using DisputeKit.MerchantData.Postgres;

namespace DisputeKit.MerchantData;

/// <summary>Where the seller's records are read from (section <c>DisputeKit:MerchantData</c>).</summary>
public sealed class MerchantSourceOptions : IValidatableObject
{
    public const string SectionName = "DisputeKit:MerchantData";

    /// <summary>
    /// <c>files</c> (the default: the JSON Lines folder <c>DisputeKit:MerchantDataPath</c>, loaded into memory at start)
    /// or <c>postgres</c> (the tables of <see cref="Schema"/>, filled by <c>disputekit merchant import</c> or by the seller's own views).
    /// </summary>
    public string Kind { get; set; } = "files";

    /// <summary>Npgsql connection string for <c>postgres</c>. A secret: set it from the environment (<c>DisputeKit__MerchantData__ConnectionString</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema holding the merchant tables; created by the migration when missing.</summary>
    public string Schema { get; set; } = "merchant";

    /// <summary>
    /// Entity files the seller deliberately does not export, by name without extension (e.g.
    /// <c>subscriptions</c>, <c>refunds</c>, <c>support_messages</c>). Any other entity file that is
    /// missing or empty stops DisputeKit at start (exit 2). With <c>support_messages</c> absent, no
    /// finding can say the customer did not contact support: such cases are set aside for a person
    /// and nobody is flagged for it. <c>customers</c> and <c>orders</c> cannot be absent. Default: none.
    /// </summary>
    public List<string> Absent { get; set; } = [];

    /// <summary>Whether the entity file is declared absent.</summary>
    public bool IsAbsent(Files.EntityFile entity) =>
        Absent.Contains(Path.GetFileNameWithoutExtension(entity.Name), StringComparer.OrdinalIgnoreCase);

    public bool UsesPostgres => string.Equals(Kind, "postgres", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesPostgres && !string.Equals(Kind, "files", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"DisputeKit:MerchantData:Kind is '{Kind}'; it must be 'files' or 'postgres'.", [nameof(Kind)]);
        }

        if (UsesPostgres && !string.IsNullOrWhiteSpace(ConnectionString) && DisputeKit.Postgres.PostgresConnectionString.Problem(ConnectionString) is { } malformed)
        {
            yield return new ValidationResult($"DisputeKit:MerchantData:ConnectionString is not a PostgreSQL connection string ({malformed}).", [nameof(ConnectionString)]);
        }

        if (UsesPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "DisputeKit:MerchantData:Kind is 'postgres' but DisputeKit:MerchantData:ConnectionString is empty (set DisputeKit__MerchantData__ConnectionString).",
                [nameof(ConnectionString)]);
        }

        var known = Files.EntityFile.All.Select(e => Path.GetFileNameWithoutExtension(e.Name)).ToList();
        foreach (var name in Absent)
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                yield return new ValidationResult($"DisputeKit:MerchantData:Absent names '{name}', which is not an entity file ({string.Join(", ", known)}).", [nameof(Absent)]);
            }
            else if (name.Equals("customers", StringComparison.OrdinalIgnoreCase) || name.Equals("orders", StringComparison.OrdinalIgnoreCase))
            {
                yield return new ValidationResult($"DisputeKit:MerchantData:Absent names '{name}': no dispute can be answered without it.", [nameof(Absent)]);
            }
        }

        string? problem = null;
        try
        {
            MerchantSchema.Identifier(Schema);
        }
        catch (ArgumentException e)
        {
            problem = $"DisputeKit:MerchantData:Schema: {e.Message}";
        }

        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(Schema)]);
        }
    }

    /// <summary>A data source for the merchant database, named so in PostgreSQL's activity view.</summary>
    public Npgsql.NpgsqlDataSource CreateDataSource()
    {
        var builder = new Npgsql.NpgsqlDataSourceBuilder(ConnectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "disputekit-merchant";
        return builder.Build();
    }
}
