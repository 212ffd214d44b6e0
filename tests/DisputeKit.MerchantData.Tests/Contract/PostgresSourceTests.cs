using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Json;
using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData.Files;
using DisputeKit.MerchantData.Postgres;
using DisputeKit.Stripe.Client;
using DisputeKit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace DisputeKit.MerchantData.Tests.Contract;

/// <summary>What only the PostgreSQL source has to show: the same evidence as the files, from indexes alone.</summary>
public sealed class PostgresSourceTests(MerchantDatabase database) : IClassFixture<MerchantDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gather_EverySampleDispute_SameEvidenceAsTheFileSource()
    {
        var schema = "m_samples_" + Guid.NewGuid().ToString("N")[..8];
        var report = await new MerchantImporter(database.DataSource, schema).ImportAsync(RepoPaths.Samples, Ct);
        var (files, fileReport) = await FileMerchantSource.LoadAsync(RepoPaths.Samples, Ct);
        var postgres = new PostgresMerchantRecords(database.DataSource, schema);
        var disputes = ReadStripe("disputes.json").Select(d => DisputeKit.Stripe.Gateway.StripeModels.Dispute(global::Stripe.StripeEntity.FromJson<global::Stripe.Dispute>(d.ToJsonString()))).ToList();
        var charges = ReadStripe("charges.json").Select(c => DisputeKit.Stripe.Gateway.StripeModels.Charge(global::Stripe.StripeEntity.FromJson<global::Stripe.Charge>(c.ToJsonString()))).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var disputed = disputes.Select(d => d.ChargeId).ToHashSet(StringComparer.Ordinal);

        report.Issues.ShouldBeEmpty();
        report.Loaded.ShouldBe(fileReport.Loaded, ignoreOrder: true);
        disputes.Count.ShouldBeGreaterThan(40);
        foreach (var dispute in disputes)
        {
            var charge = charges.GetValueOrDefault(dispute.ChargeId);
            var fromFiles = await new EvidenceGatherer(files, new DisputeMatcher(files)).GatherAsync(dispute, charge, disputed, Ct);
            var fromPostgres = await new EvidenceGatherer(postgres, new DisputeMatcher(postgres)).GatherAsync(dispute, charge, disputed, Ct);

            Canonical(fromPostgres).ShouldBe(Canonical(fromFiles), dispute.Id);
        }
    }

    [Fact]
    public async Task Start_EmptyMerchantTables_RefusedNamingEach_UnlessDeclaredAbsent()
    {
        var schema = "m_empty_" + Guid.NewGuid().ToString("N")[..8];
        async Task<IServiceProvider> Start(params string[] absent)
        {
            var settings = new Dictionary<string, string?>
            {
                ["DisputeKit:MerchantData:Kind"] = "postgres",
                ["DisputeKit:MerchantData:ConnectionString"] = database.ConnectionString,
                ["DisputeKit:MerchantData:Schema"] = schema,
            };
            for (var i = 0; i < absent.Length; i++)
            {
                settings[$"DisputeKit:MerchantData:Absent:{i}"] = absent[i];
            }

            var services = new ServiceCollection();
            await services.AddMerchantDataAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "unused", Ct);
            var provider = services.BuildServiceProvider();
            await provider.MigrateMerchantDataAsync(Ct);
            return provider;
        }

        // Nothing imported yet: every table is named, and how to fill them.
        var none = await Should.ThrowAsync<InvalidOperationException>(() => Start());
        none.Message.ShouldContain($"the merchant table {schema}.customers is empty");
        none.Message.ShouldContain($"the merchant table {schema}.support_messages is empty");
        none.Message.ShouldContain("disputekit merchant import");

        // An export without support messages (and without the entities the sample leaves out): refused until declared absent.
        using var export = new TempFolder("md-no-messages");
        foreach (var file in Directory.GetFiles(RepoPaths.Samples, "*.jsonl").Where(f => !f.EndsWith("support_messages.jsonl", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(export.Path, Path.GetFileName(file)));
        }

        var report = await new MerchantImporter(database.DataSource, schema).ImportAsync(export.Path, Ct);
        var empty = report.MissingFiles.Select(f => Path.GetFileNameWithoutExtension(f)).ToArray();
        empty.ShouldContain("support_messages");
        var missing = await Should.ThrowAsync<InvalidOperationException>(() => Start([.. empty.Where(e => e != "support_messages")]));
        missing.Message.ShouldBe(
            $"The seller's records are incomplete: the merchant table {schema}.support_messages is empty. Fill them (disputekit merchant import, or the seller's own views), or name what the seller deliberately does not keep in DisputeKit:MerchantData:Absent.");

        var declared = await Start(empty);
        var records = declared.GetRequiredService<IMerchantRecords>();
        records.UnreadContactSources.ShouldBe([$"the merchant table {schema}.support_messages is empty (declared absent)"]);
    }

    [Fact]
    public async Task EveryLookup_UsesAnIndex()
    {
        var schema = "m_index_" + Guid.NewGuid().ToString("N")[..8];
        await new MerchantImporter(database.DataSource, schema).ImportAsync(RepoPaths.Samples, Ct);

        // One connection that may not scan a table whole where an index would do; its counters tell what it did.
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1, Options = "-c enable_seqscan=off" };
        await using var strict = NpgsqlDataSource.Create(settings.ConnectionString);
        var records = new PostgresMerchantRecords(strict, schema);

        // The import's own scans reach the counters when its connections flush them, which can be
        // after this test reads them: its connections are closed (a closing backend flushes), and
        // the counters read until they stay still.
        database.DataSource.Clear();
        var before = await ScansAsync(schema);
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(200, Ct);
            var again = await ScansAsync(schema);
            if (again == before)
            {
                break;
            }

            before = again;
        }

        await records.OrdersByChargeAsync("ch_x", Ct);
        await records.OrdersByPaymentIntentAsync("pi_x", Ct);
        await records.FindOrderAsync("VL-x", Ct);
        await records.FindSubscriptionByRenewalChargeAsync("ch_x", Ct);
        await records.FindSubscriptionAsync("SUB-x", Ct);
        await records.FindCustomerAsync("C-x", Ct);
        await records.OrdersOfCustomerAsync("C-x", Ct);
        await records.DeliveryEventsAsync("VL-x", Ct);
        await records.SupportMessagesAsync("C-x", "x@example.test", ["VL-x"], Ct);
        await records.FindPolicyAcceptanceAsync("PA-x", Ct);
        await records.LatestPolicyAcceptanceAsync("C-x", DateTimeOffset.UnixEpoch, Ct);
        await records.AccountActivityAsync("C-x", Ct);
        await records.RefundsAsync("VL-x", "SUB-x", Ct);
        await using (var flush = strict.CreateCommand("select pg_stat_force_next_flush()"))
        {
            await flush.ExecuteNonQueryAsync(Ct);
        }

        var after = before;
        for (var i = 0; i < 50 && after.Index == before.Index; i++)
        {
            await Task.Delay(100, Ct);
            after = await ScansAsync(schema);
        }

        (after.Index - before.Index).ShouldBeGreaterThanOrEqualTo(14);
        after.Sequential.ShouldBe(before.Sequential, "a lookup read a merchant table from end to end");
    }

    private async Task<(long Sequential, long Index)> ScansAsync(string schema)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(Ct);
        await using var command = new NpgsqlCommand(
            "select coalesce(sum(seq_scan), 0)::bigint, coalesce(sum(idx_scan), 0)::bigint from pg_stat_user_tables where schemaname = $1 and relname <> 'dk_merchant_migrations'",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The bundle as JSON with every time in UTC: the sources keep the same instants, the file source keeps the offsets written.</summary>
    private static string Canonical(EvidenceBundle bundle) => JsonSerializer.Serialize(bundle, Utc);

    private static readonly JsonSerializerOptions Utc = new(DisputeKitJson.Options) { Converters = { new UtcTimes() } };

    private sealed class UtcTimes : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
    }

    private static IEnumerable<JsonObject> ReadStripe(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "stripe", file)))!.AsArray().Cast<JsonObject>();
}
