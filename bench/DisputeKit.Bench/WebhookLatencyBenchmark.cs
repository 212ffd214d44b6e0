using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DisputeKit.StripeFake;

using static DisputeKit.Bench.BenchSupport;

namespace DisputeKit.Bench;

/// <summary>
/// How long a dispute waits for its evidence once webhooks are on: <c>disputekit run</c> (the
/// Release build) receives the local fake's signed webhooks; N disputes of a generated sample set
/// that the policy fights are created on the fake at R per second, and each is timed from its
/// creation to its case being staged (the case file read every 20 ms). Passes when p95 ≤ 10 s.
/// Against the poll, which finds a new dispute within 15 minutes.
/// </summary>
internal static class WebhookLatencyBenchmark
{
    private const string Key = "sk_test_webhook_benchmark";
    private const string Secret = "whsec_webhook_benchmark";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Arg(args, "--disputes", 200);
        var rate = Arg(args, "--rate", 5);
        var apiRate = Arg(args, "--api-rate", 90);
        var root = FindRoot();
        var work = Directory.CreateTempSubdirectory("dk-bench-webhooks-").FullName;
        try
        {
            await RunToEndAsync("dotnet", ["build", Path.Combine(root, "src", "DisputeKit.Cli"), "-c", "Release", "-v", "quiet", "-nologo"], root);
            var cli = Path.Combine(root, "src", "DisputeKit.Cli", "bin", "Release", "net10.0", "disputekit.dll");
            var samples = Path.Combine(work, "samples");
            await RunToEndAsync("dotnet", [cli, "samples", "generate", "--out", samples, "--disputes", (count * 2 + 20).ToString(CultureInfo.InvariantCulture)], work);
            var asOf = DateTimeOffset.Parse(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(samples, "manifest.json")))!["as_of"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var fought = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(samples, "scenarios.json")))!.AsArray().Cast<JsonObject>()
                .Where(s => s["expected_state"]!.GetValue<string>() == "staged").Select(s => s["dispute_id"]!.GetValue<string>()).Take(count).ToList();

            var port = FreePort();
            await using var fake = await FakeStripeServer.StartAsync(new FakeStripeOptions
            {
                ApiKey = Key,
                SeedFolder = Path.Combine(samples, "stripe"),
                Clock = new DisputeKit.Core.Configuration.ReplayTimeProvider(asOf, TimeProvider.System),
                WebhookUrl = new Uri($"http://127.0.0.1:{port}/stripe/webhook"),
                WebhookSecret = Secret,
            }, CancellationToken.None);
            // Every dispute of the set is withheld, so the catch-up at start finds only events of disputes Stripe does not list yet.
            var allIds = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(samples, "scenarios.json")))!.AsArray().Select(s => s!["dispute_id"]!.GetValue<string>()).ToList();
            var all = allIds.ToDictionary(id => id, fake.Withhold, StringComparer.Ordinal);
            var withheld = fought.Select(id => all[id]).ToList();

            var data = Path.Combine(work, "data");
            using var run = Start("dotnet", [cli, "run"], work, new Dictionary<string, string>
            {
                ["DisputeKit__DataPath"] = data,
                ["DisputeKit__MerchantDataPath"] = samples,
                ["DisputeKit__TemplatesPath"] = Path.Combine(root, "templates"),
                ["DisputeKit__ReplayAt"] = asOf.ToString("O", CultureInfo.InvariantCulture),
                ["DisputeKit__Review__Url"] = $"http://127.0.0.1:{port}",
                ["DisputeKit__Worker__PollOnStart"] = "false",
                ["DisputeKit__Worker__PollCron"] = "0 0 0 1 1 ? 2099",
                ["DisputeKit__Worker__SweepCron"] = "0 0 0 1 1 ? 2099",
                ["Stripe__ApiKey"] = Key,
                ["Stripe__ApiBase"] = fake.BaseUri.ToString(),
                ["Stripe__FilesBase"] = fake.BaseUri.ToString(),
                ["Stripe__ApiRequestsPerSecond"] = apiRate.ToString(CultureInfo.InvariantCulture),
                ["Stripe__WebhookSecrets__0"] = Secret,
            });
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            run.ErrorDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("Stripe webhooks on", StringComparison.Ordinal) == true)
                {
                    listening.TrySetResult();
                }
            };
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            run.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    log.Enqueue(e.Data);
                }
            };
            run.BeginErrorReadLine();
            run.BeginOutputReadLine();
            await listening.Task.WaitAsync(TimeSpan.FromMinutes(3));

            // Created at the given rate; each timed until its case file says staged.
            var created = new Dictionary<string, long>(StringComparer.Ordinal);
            var staged = new Dictionary<string, double>(StringComparer.Ordinal);
            var watch = Stopwatch.StartNew();
            var next = 0;
            var deadline = TimeSpan.FromSeconds(count / (double)rate + 600);
            while (staged.Count < withheld.Count && watch.Elapsed < deadline)
            {
                while (next < withheld.Count && watch.Elapsed.TotalSeconds >= next / (double)rate)
                {
                    created[fought[next]] = Stopwatch.GetTimestamp();
                    fake.CreateDispute(withheld[next]);
                    next++;
                }

                foreach (var (id, at) in created.Where(c => !staged.ContainsKey(c.Key)).ToList())
                {
                    if (IsStaged(Path.Combine(data, "cases", id + ".json")))
                    {
                        staged[id] = Stopwatch.GetElapsedTime(at).TotalSeconds;
                    }
                }

                await Task.Delay(20);
            }

            var seconds = staged.Values.Order().ToArray();
            var p50 = seconds.Length == 0 ? double.NaN : Percentile(seconds, 0.50);
            var p95 = seconds.Length == 0 ? double.NaN : Percentile(seconds, 0.95);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                Webhook latency benchmark — {TimeProvider.System.GetUtcNow():yyyy-MM-dd}
                disputes created: {withheld.Count} at {rate}/s; client limit {apiRate} requests/s; webhooks delivered: {fake.WebhookDeliveries.Count(d => d.Status is >= 200 and < 300)}
                staged: {staged.Count}/{withheld.Count} in {watch.Elapsed.TotalSeconds:0.0} s
                created → staged: p50 {p50:0.00} s, p95 {p95:0.00} s, max {(seconds.Length == 0 ? double.NaN : seconds[^1]):0.00} s (goal p95 ≤ 10 s; the poll alone: up to 15 min)
                """));
            run.Kill(entireProcessTree: true);
            if (staged.Count < withheld.Count)
            {
                Console.WriteLine("the program's last words:\n" + string.Join('\n', log.TakeLast(20)));
            }

            var ok = staged.Count == withheld.Count && p95 <= 10;
            Console.WriteLine(ok ? "PASS" : "FAIL");
            return ok ? 0 : 1;
        }
        finally
        {
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

    private static bool IsStaged(string path)
    {
        try
        {
            return File.Exists(path) && File.ReadAllText(path).Contains("\"state\": \"staged\"", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
