using System.Diagnostics;
using System.Globalization;
using System.Text;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.MerchantData.Postgres;
using Npgsql;
using static DisputeKit.Bench.BenchSupport;

namespace DisputeKit.Bench;

/// <summary>
/// Writes a merchant-data export of N orders (5 delivery events and 2 support messages each, one
/// customer per 5 orders) as JSON Lines, imports it into PostgreSQL through the same streaming
/// importer as <c>disputekit merchant import</c>, then gathers the evidence for D disputes on
/// random orders through <see cref="PostgresMerchantRecords"/>. Reports import time, latency per
/// dispute (p50, p95, p99, max) and the process's peak resident memory over all of it; passes when
/// p95 ≤ 20 ms and the peak ≤ 300 MB.
/// </summary>
internal static class EvidenceBenchmark
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var orders = Arg(args, "--orders", 1_000_000);
        var disputes = Arg(args, "--disputes", 1_000);
        var server = PostgresServer(args);
        var folder = Path.Combine(Path.GetTempPath(), "dk-bench-evidence-" + Guid.NewGuid().ToString("N")[..8]);
        var database = "dk_bench_evidence";

        var clock = Stopwatch.StartNew();
        var written = await WriteExportAsync(folder, orders);
        var generated = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export: {orders:N0} orders, {orders * 5:N0} delivery events, {orders * 2:N0} support messages, {orders / 5:N0} customers; {written / 1024.0 / 1024.0:N0} MB of JSON Lines in {generated.TotalSeconds:0} s"));

        await DropAsync(server, database);
        await ExecuteAsync(server, $"create database {database}");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await using var dataSource = NpgsqlDataSource.Create(connection);
            clock.Restart();
            var report = await new MerchantImporter(dataSource, "merchant").ImportAsync(folder, CancellationToken.None);
            var imported = clock.Elapsed;
            var rows = report.Loaded.Values.Sum();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import: {rows:N0} rows in {imported.TotalSeconds:0} s ({rows / imported.TotalSeconds:N0} rows/s), {report.Issues.Count} lines left out; peak so far {PeakMegabytes():0} MB"));
            Directory.Delete(folder, recursive: true);

            var records = new PostgresMerchantRecords(dataSource, "merchant");
            var gatherer = new EvidenceGatherer(records, new DisputeMatcher(records));
            var random = new Random(20261121);
            var picked = Enumerable.Range(0, disputes + 20).Select(_ => random.Next(orders)).ToList();
            var disputed = picked.Select(ChargeId).ToHashSet(StringComparer.Ordinal);

            // Twenty disputes warm the connection pool and the JIT; the figures are the next D.
            foreach (var n in picked.Take(20))
            {
                await gatherer.GatherAsync(Dispute(n), null, disputed, CancellationToken.None);
            }

            var latencies = new double[disputes];
            var matched = 0;
            var messages = 0L;
            var events = 0L;
            clock.Restart();
            for (var i = 0; i < disputes; i++)
            {
                var one = Stopwatch.StartNew();
                var bundle = await gatherer.GatherAsync(Dispute(picked[20 + i]), null, disputed, CancellationToken.None);
                latencies[i] = one.Elapsed.TotalMilliseconds;
                matched += bundle.Match.IsMatched ? 1 : 0;
                messages += bundle.Communication.Count;
                events += bundle.Delivery?.Events.Count ?? 0;
            }

            var wall = clock.Elapsed;
            Array.Sort(latencies);
            var (p50, p95, p99) = (Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99));
            var peak = PeakMegabytes();
            var pass = p95 <= 20 && peak <= 300 && matched == disputes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gather: {disputes:N0} disputes, {matched:N0} matched, {messages:N0} messages and {events:N0} delivery events in all, {disputes / wall.TotalSeconds:N0} disputes/s, {Environment.ProcessorCount} cores"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"latency per dispute: p50 {p50:0.00} ms, p95 {p95:0.00} ms, p99 {p99:0.00} ms, max {latencies[^1]:0.00} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peak resident memory of the process (generation, import and gathering): {peak:0} MB"));
            Console.WriteLine(pass ? "PASS (p95 ≤ 20 ms, peak ≤ 300 MB)" : "FAIL (targets: p95 ≤ 20 ms, peak ≤ 300 MB, every dispute matched)");
            return pass ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (!args.Contains("--keep"))
            {
                await DropAsync(server, database);
            }

            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string ChargeId(int order) => string.Create(CultureInfo.InvariantCulture, $"ch_bench_{order:D8}");

    private static Dispute Dispute(int order) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"dp_bench_{order:D8}"),
        Amount = 4990,
        Currency = "eur",
        ChargeId = ChargeId(order),
        Reason = order % 3 == 0 ? DisputeReason.Fraudulent : DisputeReason.ProductNotReceived,
        Status = "needs_response",
        Created = At(order).AddDays(20),
        NetworkReasonCode = order % 3 == 0 ? "10.4" : "13.1",
    };

    /// <summary>When order <paramref name="n"/> was placed: spread over two years, in order.</summary>
    private static DateTimeOffset At(int n) => Start.AddSeconds(n * 60L);

    private static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>Streams the export to disk, one line at a time; returns the bytes written.</summary>
    private static async Task<long> WriteExportAsync(string folder, int orders)
    {
        Directory.CreateDirectory(folder);
        var encoding = new UTF8Encoding(false);
        await using var customers = new StreamWriter(Path.Combine(folder, "customers.jsonl"), false, encoding, 1 << 16);
        await using var orderFile = new StreamWriter(Path.Combine(folder, "orders.jsonl"), false, encoding, 1 << 16);
        await using var eventFile = new StreamWriter(Path.Combine(folder, "delivery_events.jsonl"), false, encoding, 1 << 16);
        await using var messageFile = new StreamWriter(Path.Combine(folder, "support_messages.jsonl"), false, encoding, 1 << 16);
        var line = new StringBuilder(512);
        for (var n = 0; n < orders; n++)
        {
            var customer = n / 5;
            var at = At(n);
            if (n % 5 == 0)
            {
                await customers.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"id":"C{{customer:D7}}","email":"customer{{customer}}@example.test","name":"Customer {{customer}}","locale":"nl","country":"NL","created_at":"{{Stamp(Start.AddDays(-30))}}","status":"active"}"""));
            }

            line.Clear().Append(CultureInfo.InvariantCulture,
                $$"""{"id":"VL-{{n:D8}}","customer_id":"C{{customer:D7}}","created_at":"{{Stamp(at)}}","service":{"id":"ig-followers-hq","name":"Instagram Followers – High Quality","platform":"instagram","kind":"followers","start_within_hours":24,"refill_days":30},"link":"https://instagram.example/user{{customer}}","quantity":1000,"amount":4990,"currency":"eur","status":"completed","start_count":{{n % 9000}},"delivered":1000,"started_at":"{{Stamp(at.AddHours(2))}}","completed_at":"{{Stamp(at.AddHours(30))}}","payment":{"stripe_charge_id":"{{ChargeId(n)}}","stripe_payment_intent_id":"pi_bench_{{n:D8}}","purchase_ip":"81.2.{{customer % 250}}.{{n % 250}}","device_fingerprint":"fp_bench_device_{{customer:D10}}","user_agent":"Mozilla/5.0 (X11; Linux x86_64)"}""").Append('}');
            await orderFile.WriteLineAsync(line);

            var start = n % 9000;
            string[] types = ["queued", "started", "progress", "completed", "count_snapshot"];
            for (var e = 0; e < 5; e++)
            {
                var delivered = e switch { 0 or 1 => 0, 2 => 500, _ => 1000 };
                await eventFile.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"order_id":"VL-{{n:D8}}","at":"{{Stamp(at.AddHours(e * 8))}}","type":"{{types[e]}}","delivered":{{delivered}},"observed_count":{{start + delivered}}}"""));
            }

            // One inbound message tied to the account and naming the order, one outbound reply by email only.
            await messageFile.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $$"""{"id":"M{{n:D8}}a","thread_id":"T{{n:D8}}","customer_id":"C{{customer:D7}}","channel":"live_chat","direction":"inbound","at":"{{Stamp(at.AddHours(3))}}","order_ids":["VL-{{n:D8}}"],"subject":"Order VL-{{n:D8}}","body":"Hi, when does my order VL-{{n:D8}} start? I ordered 1000 followers for my profile and would like to know the timing. Thanks!"}"""));
            await messageFile.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $$"""{"id":"M{{n:D8}}b","thread_id":"T{{n:D8}}","email":"Customer{{customer}}@example.test","channel":"email","direction":"outbound","at":"{{Stamp(at.AddHours(4))}}","subject":"Re: Order VL-{{n:D8}}","body":"Hello! Your order has started and will complete within a day. Best regards, support","agent":"Sam"}"""));
        }

        await Task.WhenAll(customers.FlushAsync(), orderFile.FlushAsync(), eventFile.FlushAsync(), messageFile.FlushAsync());
        return Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
    }

    /// <summary>Drops the benchmark's database, waiting out an autovacuum worker still busy in it.</summary>
    private static async Task DropAsync(string server, string database)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(server, $"drop database if exists {database}");
                return;
            }
            catch (PostgresException e) when (attempt < 40 && e.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(500);
            }
        }
    }
}
