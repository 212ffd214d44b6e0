using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DisputeKit.StripeFake;
using Npgsql;

using static DisputeKit.Bench.BenchSupport;

namespace DisputeKit.Bench;

/// <summary>
/// A whole sweep as a seller runs it: N disputes from the sample generator, the real
/// <c>disputekit sweep</c> (the Release build, real Chromium), the file store and merchant files
/// or, with <c>--store postgres</c>, the PostgreSQL store and merchant source, against the local
/// fake limited to R requests/s (the client set to the same rate). Reports the wall time against
/// the floor the rate sets (requests the fake received ÷ R) and against the floor Stripe's 20 file
/// writes a second set on the uploads, CPU seconds of DisputeKit and of
/// Chromium per fought dispute, Chromium loads per fought dispute, and peak memory of the
/// DisputeKit process (VmHWM) and of Chromium's processes summed (their proportional set sizes,
/// which count shared pages once), sampled every 100 ms from /proc.
/// </summary>
internal static class SweepBenchmark
{
    private const string Key = "sk_test_sweep_benchmark";

    /// <summary>Stripe's limit on file uploads (20 writes a second), below the API's 25 or 100.</summary>
    private const int FilesWritesPerSecond = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Arg(args, "--disputes", 1_000);
        var rate = Arg(args, "--rate", 90);
        var postgres = Arg(args, "--store") == "postgres";
        var root = FindRoot();
        var work = Directory.CreateTempSubdirectory("dk-bench-sweep-").FullName;
        var database = "dk_bench_sweep";
        var server = PostgresServer(args);
        try
        {
            await RunToEndAsync("dotnet", ["build", Path.Combine(root, "src", "DisputeKit.Cli"), "-c", "Release", "-v", "quiet", "-nologo"], root);
            var cli = Path.Combine(root, "src", "DisputeKit.Cli", "bin", "Release", "net10.0", "disputekit.dll");
            var samples = Path.Combine(work, "samples");
            string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
            await RunToEndAsync("dotnet", [cli, "samples", "generate", "--out", samples, "--disputes", Text(count), "--orders", Text(count * 10), "--customers", Text(Math.Max(160, count * 8 / 5))], work);
            var asOf = DateTimeOffset.Parse(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(samples, "manifest.json")))!["as_of"]!.GetValue<string>(), CultureInfo.InvariantCulture);

            await using var fake = await FakeStripeServer.StartAsync(new FakeStripeOptions
            {
                ApiKey = Key,
                SeedFolder = Path.Combine(samples, "stripe"),
                Clock = new DisputeKit.Core.Configuration.ReplayTimeProvider(asOf, TimeProvider.System),
            }, CancellationToken.None);
            fake.Faults.RateLimit(rate);

            var settings = new Dictionary<string, string>
            {
                ["DisputeKit__DataPath"] = Path.Combine(work, "data"),
                ["DisputeKit__MerchantDataPath"] = samples,
                ["DisputeKit__TemplatesPath"] = Path.Combine(root, "templates"),
                ["DisputeKit__ReplayAt"] = asOf.ToString("O", CultureInfo.InvariantCulture),
                ["Stripe__ApiKey"] = Key,
                ["Stripe__ApiBase"] = fake.BaseUri.ToString(),
                ["Stripe__FilesBase"] = fake.BaseUri.ToString(),
                ["Stripe__ApiRequestsPerSecond"] = Text(rate),
                ["Stripe__FilesRequestsPerSecond"] = Text(Math.Min(rate, FilesWritesPerSecond)),
            };
            if (postgres)
            {
                await ExecuteAsync(server, $"drop database if exists {database} with (force)");
                await ExecuteAsync(server, $"create database {database}");
                var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
                settings["DisputeKit__Store__Kind"] = "postgres";
                settings["DisputeKit__Store__ConnectionString"] = connection;
                settings["DisputeKit__MerchantData__Kind"] = "postgres";
                settings["DisputeKit__MerchantData__ConnectionString"] = connection;
                await RunToEndAsync("dotnet", [cli, "merchant", "import", "--from", samples], work, settings);
            }

            var received = fake.Requests.Count;
            var watch = Stopwatch.StartNew();
            using var sweep = Start("dotnet", [cli, "sweep"], work, settings);
            var output = sweep.StandardOutput.ReadToEndAsync();
            var error = sweep.StandardError.ReadToEndAsync();
            var sampled = await SampleAsync(sweep);
            watch.Stop();
            var summary = (await output).Split('\n').LastOrDefault(l => l.Contains(" disputes: ", StringComparison.Ordinal))?.Trim() ?? "(no summary)";
            var requests = fake.Requests.Count - received;
            var uploads = fake.Requests.Skip(received).Count(r => r.Method == "POST" && r.Path == "/v1/files");
            var floor = requests / (double)rate;
            var ratio = watch.Elapsed.TotalSeconds / floor;

            // Stripe takes at most 20 file writes a second whatever the API rate: the uploads have a floor of their own.
            var filesRate = Math.Min(rate, FilesWritesPerSecond);
            var filesFloor = uploads / (double)filesRate;
            var binding = Math.Max(floor, filesFloor);
            var sweepLog = postgres ? null : Directory.GetFiles(Path.Combine(work, "data", "sweeps"), "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!).LastOrDefault();
            var loads = sweepLog?["telemetry"]?["chromium_loads"]?.GetValue<long>();
            var fought = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(samples, "scenarios.json")))!.AsArray().Count(s => s!["expected_state"]!.GetValue<string>() == "staged");
            var goal = rate >= 90 ? 1.2 : 1.05;
            var said = (await error).Trim();
            var failure = sweep.ExitCode != 0 && said.Length > 0 ? ": " + said[..Math.Min(400, said.Length)] : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                Sweep benchmark — {TimeProvider.System.GetUtcNow():yyyy-MM-dd}, {(postgres ? "PostgreSQL store and merchant source" : "file store and merchant files")}
                {summary}
                exit code {sweep.ExitCode}{failure}
                requests the fake received: {requests:N0} (rate limit {rate}/s; {fake.Faults.Served.GetValueOrDefault("rate_limit")} answered 429 for going over)
                file uploads: {uploads:N0} ({uploads / (double)Math.Max(1, fought):0.00} per fought dispute), at most {filesRate}/s
                wall {watch.Elapsed.TotalSeconds:0.0} s; floor {floor:0.0} s (requests ÷ {rate}/s); ratio {ratio:0.00} (goal ≤ {goal:0.00})
                files floor {filesFloor:0.0} s (uploads ÷ {filesRate}/s); against the larger of the two floors {watch.Elapsed.TotalSeconds / binding:0.00}
                CPU: DisputeKit {sampled.DisputeKitCpu:0.0} s ({sampled.DisputeKitCpu / Math.Max(1, fought) * 1000:0} ms per fought dispute), Chromium {sampled.ChromiumCpu:0.0} s ({sampled.ChromiumCpu / Math.Max(1, fought) * 1000:0} ms per fought dispute), Playwright's driver {sampled.DriverCpu:0.0} s ({sampled.DriverCpu / Math.Max(1, fought) * 1000:0} ms per fought dispute); {fought} fought
                Chromium loads: {(loads is { } l ? $"{l:N0} ({l / (double)Math.Max(1, fought):0.00} per fought dispute)" : "not read (PostgreSQL sweep log)")}
                peak resident memory: DisputeKit {sampled.DisputeKitPeakMb:0} MB (goal ≤ 300 MB); Chromium's processes summed (proportional set size) {sampled.ChromiumPeakMb:0} MB
                """));
            var ok = sweep.ExitCode == 0 && ratio <= goal && sampled.DisputeKitPeakMb <= 300;
            Console.WriteLine(ok ? "PASS" : "FAIL");
            return ok ? 0 : 1;
        }
        finally
        {
            if (postgres)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(server, $"drop database if exists {database} with (force)");
            }

            if (!args.Contains("--keep"))
            {
                Directory.Delete(work, recursive: true);
            }
            else
            {
                Console.WriteLine($"kept: {work}");
            }
        }
    }

    private sealed record Sampled(double DisputeKitCpu, double ChromiumCpu, double DriverCpu, double DisputeKitPeakMb, double ChromiumPeakMb);

    /// <summary>
    /// Samples the process and its descendants every 100 ms until it exits: the process's own peak
    /// (VmHWM) and CPU, Playwright's driver (node) CPU, and Chromium's processes (every other descendant)
    /// summed — their resident memory at each sample, and the CPU each had used when last seen.
    /// </summary>
    private static async Task<Sampled> SampleAsync(Process process)
    {
        const double ticks = 100; // USER_HZ on Linux
        var (ownCpu, ownPeak, chromiumPeak) = (0.0, 0.0, 0.0);
        var chromiumCpu = new Dictionary<int, double>();
        var driverCpu = new Dictionary<int, double>();
        while (!process.HasExited)
        {
            var tree = Descendants(process.Id);
            if (Stat(process.Id) is { } own)
            {
                ownCpu = own.Cpu / ticks;
                ownPeak = Math.Max(ownPeak, own.PeakKb / 1024.0);
            }

            var rss = 0.0;
            foreach (var pid in tree)
            {
                if (Stat(pid) is not { } child || child.Name is "dotnet")
                {
                    continue;
                }

                // Node names its main thread "MainThread": the driver is told apart by its command line.
                if (IsDriver(pid))
                {
                    driverCpu[pid] = child.Cpu / ticks;
                }
                else
                {
                    chromiumCpu[pid] = child.Cpu / ticks;
                    rss += child.PssKb / 1024.0;
                }
            }

            chromiumPeak = Math.Max(chromiumPeak, rss);
            await Task.Delay(100);
        }

        await process.WaitForExitAsync();
        return new Sampled(ownCpu, chromiumCpu.Values.Sum(), driverCpu.Values.Sum(), ownPeak, chromiumPeak);
    }

    private static bool IsDriver(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("run-driver", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A process's name, CPU ticks used, proportional set size now and peak resident size, in kB.</summary>
    private sealed record ProcStat(string Name, long Cpu, long PssKb, long PeakKb);

    private static ProcStat? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long Kb(string key) => File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(key, StringComparison.Ordinal))
                .Select(l => long.Parse(l[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)).FirstOrDefault();
            // Chromium's processes share much of their memory: their proportional share (Pss) sums fairly, their resident sizes would not.
            var pss = File.ReadLines($"/proc/{pid}/smaps_rollup").Where(l => l.StartsWith("Pss:", StringComparison.Ordinal))
                .Select(l => long.Parse(l["Pss:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)).FirstOrDefault();
            return new ProcStat(name, cpu, pss, Kb("VmHWM:"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                    // Gone meanwhile.
                }
            }
        }

        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            foreach (var (pid, ppid) in parents)
            {
                if (ppid == parent)
                {
                    found.Add(pid);
                    queue.Enqueue(pid);
                }
            }
        }

        return found;
    }
}
