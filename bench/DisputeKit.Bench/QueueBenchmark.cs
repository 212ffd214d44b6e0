using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Economics;
using DisputeKit.Review;
using DisputeKit.Storage.Files;
using DisputeKit.Storage.Postgres;
using Npgsql;
using static DisputeKit.Bench.BenchSupport;

namespace DisputeKit.Bench;

/// <summary>
/// The dispute queue with N cases: N case records written to the file store (or PostgreSQL), the
/// real <c>disputekit serve</c> over them, a finance user signed in, and <c>GET /disputes</c> asked
/// for again and again with three filters (the default, every case on a late page, and a reason
/// due within 7 days). Reports the first answer (the file store reads every case then) and the
/// p50, p95 and slowest of the rest, server to client over 127.0.0.1.
/// </summary>
internal static partial class QueueBenchmark
{
    private const string Password = "queue benchmark password";

    [GeneratedRegex("name=\"signin_token\" value=\"([^\"]+)\"")]
    private static partial Regex SignInToken();

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Arg(args, "--cases", 10_000);
        var rounds = Arg(args, "--rounds", 60);
        var postgres = Arg(args, "--store") == "postgres";
        var root = FindRoot();
        var work = Directory.CreateTempSubdirectory("dk-bench-queue-").FullName;
        const string database = "dk_bench_queue";
        var server = PostgresServer(args);
        Process? serve = null;
        try
        {
            await RunToEndAsync("dotnet", ["build", Path.Combine(root, "src", "DisputeKit.Cli"), "-c", "Release", "-v", "quiet", "-nologo"], root);
            var cli = Path.Combine(root, "src", "DisputeKit.Cli", "bin", "Release", "net10.0", "disputekit.dll");
            var port = FreePort();
            var settings = new Dictionary<string, string>
            {
                ["DisputeKit__DataPath"] = Path.Combine(work, "data"),
                ["DisputeKit__MerchantDataPath"] = Path.Combine(root, "samples", "default"),
                ["DisputeKit__TemplatesPath"] = Path.Combine(root, "templates"),
                ["DisputeKit__Review__Url"] = $"http://127.0.0.1:{port}",
                ["DisputeKit__Review__Users__fiona__Password"] = PasswordHash.Create(Password),
                ["DisputeKit__Review__Users__fiona__Role"] = "finance",
            };

            var now = TimeProvider.System.GetUtcNow();
            var written = Stopwatch.StartNew();
            if (postgres)
            {
                await ExecuteAsync(server, $"drop database if exists {database} with (force)");
                await ExecuteAsync(server, $"create database {database}");
                var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
                settings["DisputeKit__Store__Kind"] = "postgres";
                settings["DisputeKit__Store__ConnectionString"] = connection;
                await using var source = NpgsqlDataSource.Create(connection);
                await PostgresSchema.MigrateAsync(source, CancellationToken.None);
                var store = new PostgresCaseStore(source);
                await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 },
                    async (i, ct) => await store.SaveAsync(Case(i, now), ct));
            }
            else
            {
                var store = new FileCaseStore(new DataFolder(Path.Combine(work, "data")));
                Directory.CreateDirectory(Path.Combine(work, "data", "cases"));
                await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 },
                    async (i, ct) => await store.SaveAsync(Case(i, now), ct));
            }

            written.Stop();
            serve = Start("dotnet", [cli, "serve"], work, settings);
            var baseUrl = new Uri($"http://127.0.0.1:{port}/");
            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = baseUrl };
            await WaitForAsync(client);
            var token = SignInToken().Match(await client.GetStringAsync(new Uri("/signin", UriKind.Relative))).Groups[1].Value;
            using (var signIn = await client.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
                   { ["name"] = "fiona", ["password"] = Password, ["signin_token"] = token })))
            {
                if (signIn.StatusCode != HttpStatusCode.SeeOther)
                {
                    throw new InvalidOperationException($"Signing in answered {(int)signIn.StatusCode}.");
                }
            }

            string[] queries = ["/disputes", $"/disputes?state=all&page={Math.Max(1, count / 50 - 1)}", "/disputes?reason=fraudulent&due=7"];
            var first = await TimeAsync(client, queries[0]);
            var times = queries.ToDictionary(q => q, _ => new List<double>());
            for (var round = 0; round < rounds; round++)
            {
                foreach (var query in queries)
                {
                    times[query].Add(await TimeAsync(client, query));
                }
            }

            var all = times.Values.SelectMany(t => t).Order().ToArray();
            var p95 = Percentile(all, 0.95);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                Queue benchmark — {TimeProvider.System.GetUtcNow():yyyy-MM-dd}, {count:N0} cases, {(postgres ? "PostgreSQL store" : "file store")} (written in {written.Elapsed.TotalSeconds:0.0} s)
                first answer{(postgres ? string.Empty : " (the file store reads every case file then)")}: {first:0} ms
                """));
            foreach (var (query, list) in times)
            {
                var sorted = list.Order().ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{query}: p50 {Percentile(sorted, 0.5):0} ms, p95 {Percentile(sorted, 0.95):0} ms, slowest {sorted[^1]:0} ms ({sorted.Length} requests)"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all: p95 {p95:0} ms (goal ≤ 300 ms); serve's peak memory {PeakOf(serve):0} MB"));
            Console.WriteLine(p95 <= 300 ? "PASS" : "FAIL");
            return p95 <= 300 ? 0 : 1;
        }
        finally
        {
            if (serve is { HasExited: false })
            {
                serve.Kill(entireProcessTree: true);
                await serve.WaitForExitAsync();
            }

            serve?.Dispose();
            if (postgres)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(server, $"drop database if exists {database} with (force)");
            }

            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(HttpClient client, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains("<table class=\"queue\">", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task WaitForAsync(HttpClient client)
    {
        for (var i = 0; i < 240; i++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/signin", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException("disputekit serve did not answer within 60 s.");
    }

    private static double PeakOf(Process process)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? double.NaN : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static readonly string[] Reasons = ["fraudulent", "product_not_received", "product_unacceptable", "subscription_canceled", "credit_not_processed", "general"];
    private static readonly CaseState[] States = [CaseState.Staged, CaseState.Staged, CaseState.SetAside, CaseState.Submitted, CaseState.Skipped, CaseState.Accepted, CaseState.Failed, CaseState.Decided];

    /// <summary>A case as a sweep leaves one: a verdict with facts and rules, economics, an audit trail of seven steps.</summary>
    private static DisputeCase Case(int i, DateTimeOffset now)
    {
        var id = $"dp_bench{i:0000000000000000}";
        var state = States[i % States.Length];
        var currency = (i % 3) switch { 0 => "eur", 1 => "gbp", _ => "usd" };
        var amount = 1_000 + (i * 7_919 % 30_000);
        var at = now.AddDays(-10);
        var audit = new List<AuditEntry> { new(at, CaseState.Discovered, "listed on Stripe") };
        foreach (var (to, cause) in new[] { (CaseState.Gathered, "records gathered"), (CaseState.Decided, "verdict fight"), (CaseState.Rendered, "pack rendered, 4 pages"), (CaseState.Uploaded, "pack uploaded"), (CaseState.Staged, "evidence staged (submit=false)") })
        {
            audit.Add(new AuditEntry(at = at.AddMinutes(1), to, cause, audit[^1].To));
        }

        return new DisputeCase
        {
            DisputeId = id,
            State = state,
            Reason = Reasons[i % Reasons.Length],
            Status = state is CaseState.Submitted ? "under_review" : "needs_response",
            Amount = amount,
            Currency = currency,
            DueBy = i % 50 == 0 ? null : now.AddHours(-48 + (i * 37 % (24 * 21))),
            CustomerId = $"C{i % 1600:00000}",
            OrderId = $"ORD-{i:000000}",
            Verdict = new CaseVerdict
            {
                Kind = (i % 5) switch { 0 => "review", 1 => "accept", _ => "fight" },
                Summary = "The service was delivered in full and started within the promised time; the policy owes no refund.",
                Facts = ["Ordered 4100 followers; delivered 4100.", "Delivery started 2.7 hours after the order; the promised start was within 24 hours.", "The customer did not contact support before disputing."],
                Rules = ["§5: A full refund is given only when the order was not started within the start time stated.", "§6: A chargeback started without first contacting support is answered with delivery reports."],
            },
            Economics = new CaseEconomics
            {
                Currency = currency, AtStake = amount, DisputeFee = 1_500, CounterFee = 0, WinChance = 0.2 + (i % 60) / 100.0,
                ExpectedGain = amount / 2 - 500, EvidenceStrength = 0.7, Basis = "evidence strength 0.70 from delivery, contact and policy; base rate of the reason",
            },
            Note = state == CaseState.SetAside ? "Set aside: the verdict is review; a person decides." : null,
            Audit = audit,
        };
    }
}
