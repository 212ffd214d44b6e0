using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DisputeKit.Core.Disputes;
using DisputeKit.Stripe.Client;
using DisputeKit.Stripe.Gateway;
using DisputeKit.StripeFake;

using static DisputeKit.Bench.BenchSupport;

namespace DisputeKit.Bench;

/// <summary>
/// Sweeps N disputes through the Stripe client against the fake limited to R requests/s with
/// 5% injected 429s and 2% 500s: list every page, then per dispute retrieve it with its charge,
/// stage evidence and submit it. Checks that every dispute ends submitted exactly once, and
/// compares the wall time with the floor the rate limit sets (requests the fake received ÷ R).
/// </summary>
internal static class StripeSweepBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var disputes = Arg(args, "--disputes", 1000);
        var rate = Arg(args, "--rate", 25);
        var workers = Arg(args, "--workers", 8);
        var seedFolder = Directory.CreateTempSubdirectory("dk-bench-").FullName;
        try
        {
            Seed(seedFolder, disputes);
            const string key = "sk_test_benchmark_key";
            await using var fake = await FakeStripeServer.StartAsync(new FakeStripeOptions { ApiKey = key, SeedFolder = seedFolder }, CancellationToken.None);
            fake.Faults.RateLimit(rate).RandomRates(p429: 0.05, p500: 0.02, seed: 7);
            using var client = StripeHttp.CreateGateway(new StripeOptions
            {
                ApiKey = key,
                ApiBase = fake.BaseUri,
                FilesBase = fake.BaseUri,
                ApiRequestsPerSecond = rate,
                MaxRetries = 8,
            });

            var watch = Stopwatch.StartNew();
            var ids = new List<string>();
            await foreach (var d in client.ListDisputesAsync(CancellationToken.None))
            {
                ids.Add(d.Id);
            }

            var failures = 0;
            var queue = new Queue<string>(ids);
            var gate = new Lock();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
            {
                while (true)
                {
                    string id;
                    lock (gate)
                    {
                        if (!queue.TryDequeue(out id!))
                        {
                            return;
                        }
                    }

                    try
                    {
                        await WorkAsync(client, id);
                    }
                    catch (Exception e) when (e is StripeException or HttpRequestException or EvidenceRefusedException or DisputeGatewayUnavailableException)
                    {
                        Interlocked.Increment(ref failures);
                        Console.Error.WriteLine($"{id}: {e.Message}");
                    }
                }
            }));
            watch.Stop();

            var requests = fake.Requests;
            var submitted = ids.Count(id => fake.Dispute(id)!["evidence_details"]!["submission_count"]!.GetValue<int>() == 1);
            var over = ids.Count(id => fake.Dispute(id)!["evidence_details"]!["submission_count"]!.GetValue<int>() > 1);
            var appliedSubmits = requests
                .Where(r => r.Method == "POST" && r.Status == 200 && !r.Replayed && r.Form.GetValueOrDefault("submit") == "true")
                .GroupBy(r => r.Path).Count(g => g.Count() > 1);
            var floor = requests.Count / (double)rate;
            var ratio = watch.Elapsed.TotalSeconds / floor;
            var faults = fake.Faults.Served;

            var report = string.Create(CultureInfo.InvariantCulture, $"""
                Stripe sweep benchmark — {TimeProvider.System.GetUtcNow():yyyy-MM-dd}
                disputes: {ids.Count}, workers: {workers}, limit: {rate}/s (client and fake), injected: 5% 429, 2% 500
                requests received by the fake: {requests.Count} (429 injected {faults.GetValueOrDefault("429")}, 500 injected {faults.GetValueOrDefault("500")}, over the fake's rate limit {faults.GetValueOrDefault("rate_limit")})
                retries by the client: {client.Retries}
                submitted exactly once: {submitted}/{ids.Count}; submitted more than once: {over}; duplicate applied submit requests: {appliedSubmits}; failed disputes: {failures}
                wall time: {watch.Elapsed.TotalSeconds:0.0} s; floor (requests ÷ {rate}/s): {floor:0.0} s; ratio: {ratio:0.000} (target ≤ 1.15)
                """);
            Console.WriteLine(report);
            var ok = submitted == ids.Count && over == 0 && appliedSubmits == 0 && failures == 0 && ratio <= 1.15;
            Console.WriteLine(ok ? "PASS" : "FAIL");
            return ok ? 0 : 1;
        }
        finally
        {
            Directory.Delete(seedFolder, recursive: true);
        }
    }

    private static async Task WorkAsync(StripeGateway client, string id)
    {
        var dispute = await client.GetDisputeAsync(id, CancellationToken.None);
        var evidence = new EvidenceUpdate
        {
            Fields = new Dictionary<string, string>
            {
                ["product_description"] = $"Instagram Followers, order for charge {dispute.ChargeId}: delivered 1000 of 1000.",
                ["uncategorized_text"] = "The customer did not contact support before the dispute.",
            },
            IntendedSubmissionMethod = "manual",
        };
        await client.UpdateEvidenceAsync(id, evidence, submit: false, $"bench-{id}-stage", CancellationToken.None);
        // As CaseActions does: the dispute is read again right before the submission, which cannot be undone.
        await client.GetDisputeAsync(id, CancellationToken.None);
        await client.UpdateEvidenceAsync(id, evidence, submit: true, $"bench-{id}-submit", CancellationToken.None);
    }

    private static void Seed(string folder, int count)
    {
        var disputes = new JsonArray();
        var charges = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            disputes.Add(new JsonObject
            {
                ["id"] = $"dp_bench{i:D6}",
                ["object"] = "dispute",
                ["amount"] = 2500,
                ["currency"] = "eur",
                ["charge"] = $"ch_bench{i:D6}",
                ["created"] = 1_790_000_000 + i,
                ["reason"] = "product_not_received",
                ["status"] = "needs_response",
                ["evidence"] = new JsonObject(),
                ["evidence_details"] = new JsonObject { ["due_by"] = 4_000_000_000, ["has_evidence"] = false, ["past_due"] = false, ["submission_count"] = 0 },
                ["metadata"] = new JsonObject(),
            });
            charges.Add(new JsonObject { ["id"] = $"ch_bench{i:D6}", ["object"] = "charge", ["amount"] = 2500, ["currency"] = "eur", ["created"] = 1_789_000_000 });
        }

        File.WriteAllText(Path.Combine(folder, "disputes.json"), disputes.ToJsonString());
        File.WriteAllText(Path.Combine(folder, "charges.json"), charges.ToJsonString());
    }
}
