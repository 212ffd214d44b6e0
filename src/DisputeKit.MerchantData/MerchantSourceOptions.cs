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

    public bool UsesPostgres => string.Equals(Kind, "postgres", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesPostgres && !string.Equals(Kind, "files", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"DisputeKit:MerchantData:Kind is '{Kind}'; it must be 'files' or 'postgres'.", [nameof(Kind)]);
        }

        if (UsesPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "DisputeKit:MerchantData:Kind is 'postgres' but DisputeKit:MerchantData:ConnectionString is empty (set DisputeKit__MerchantData__ConnectionString).",
                [nameof(ConnectionString)]);
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
