using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData.Files;
using DisputeKit.MerchantData.Postgres;
using DisputeKit.Testing;
using Npgsql;

namespace DisputeKit.MerchantData.Tests.Contract;

/// <summary>One database on the test PostgreSQL for the contract; each test imports into a schema of its own.</summary>
public sealed class MerchantDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>With the password, which <see cref="NpgsqlDataSource.ConnectionString"/> leaves out.</summary>
    public string ConnectionString => _database!.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("merchant", TestContext.Current.CancellationToken);
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>The merchant-source contract on a real PostgreSQL: the export imported by <see cref="MerchantImporter"/>, read by <see cref="PostgresMerchantRecords"/>.</summary>
public sealed class PostgresSourceContractTests(MerchantDatabase database) : MerchantSourceContract, IClassFixture<MerchantDatabase>
{
    private readonly string _schema = "m_" + Guid.NewGuid().ToString("N")[..12];

    protected override async Task<(IMerchantRecords Records, LoadReport Report)> LoadAsync(string folder)
    {
        var report = await new MerchantImporter(database.DataSource, _schema).ImportAsync(folder, Ct);
        return (new PostgresMerchantRecords(database.DataSource, _schema), report);
    }
}
