using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Sweeps;
using DisputeKit.Storage.Postgres;
using DisputeKit.Testing;
using Npgsql;
using Shouldly;

namespace DisputeKit.Storage.Tests;

/// <summary>The store contract against a real PostgreSQL: a throwaway database per test, migrated as the tool does.</summary>
public sealed class PostgresStoreContractTests : StoreContract, IAsyncLifetime
{
    private TestDatabase? _database;
    private NpgsqlDataSource? _dataSource;

    protected override ICaseStore Cases => new PostgresCaseStore(DataSource);

    protected override IFlagStore Flags => new PostgresFlagStore(DataSource);

    protected override ISweepLog Sweeps => new PostgresSweepLog(DataSource, new TempScratch());

    protected override DisputeKit.Core.Support.ISupportStore Support => new PostgresSupportStore(DataSource);

    protected override DisputeKit.Core.Events.IEventStore Events => new PostgresEventStore(DataSource);

    protected override DisputeKit.Core.Warnings.IWarningStore Warnings => new PostgresWarningStore(DataSource);

    private NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("not initialised");

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("store", Ct);
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await PostgresSchema.MigrateAsync(_dataSource, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task CorruptAsync(string disputeId)
    {
        await using var command = DataSource.CreateCommand("update dk_cases set record = '{\"dispute_id\": 42}'::jsonb where dispute_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = disputeId });
        (await command.ExecuteNonQueryAsync(Ct)).ShouldBe(1);
    }

    protected override async Task<IReadOnlyList<string>> SummariesAsync()
    {
        await using var command = DataSource.CreateCommand("select summary::text from dk_sweeps order by id");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var summaries = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            summaries.Add(reader.GetString(0));
        }

        return summaries;
    }

    [Fact]
    public async Task Migrate_RunTwiceAndConcurrently_AppliedOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.MigrateAsync(DataSource, Ct)));

        await using var command = DataSource.CreateCommand("select count(*) from dk_migrations");
        (await command.ExecuteScalarAsync(Ct)).ShouldBe((long)PostgresSchema.LatestVersion);
    }

    [Fact]
    public async Task TryClaim_HolderConnectionDies_ClaimFreedForOthers()
    {
        var held = await Cases.TryClaimAsync("dp_dies", Ct);
        held.ShouldNotBeNull();
        (await Cases.TryClaimAsync("dp_dies", Ct)).ShouldBeNull();

        // What the server sees when a worker process is killed: its connection goes away.
        await using (var kill = DataSource.CreateCommand("""
            select pg_terminate_backend(l.pid) from pg_locks l join pg_class c on c.oid = l.relation
            where c.relname = 'dk_case_claims' and l.mode = 'RowShareLock' and l.pid <> pg_backend_pid()
            """))
        {
            await kill.ExecuteNonQueryAsync(Ct);
        }

        await using var taken = await Cases.ClaimAsync("dp_dies", TimeSpan.FromSeconds(5), Ct);
        taken.ShouldNotBeNull();
        await held.DisposeAsync(); // releasing a claim whose connection is gone is quiet
    }
}
