using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Rendering;
using DisputeKit.MerchantData.Files;
using DisputeKit.Rendering.Pdf;
using DisputeKit.Stripe.Client;

using static DisputeKit.Bench.BenchSupport;

namespace DisputeKit.Bench;

/// <summary>
/// Renders N evidence packs of the sample set (cycling through every sample dispute that has an
/// order) with one warm Chromium and the configured concurrency, through the same budget check
/// the sweep uses. Reports per-pack latency (p50, p95, max) and sustained packs per second;
/// passes when p50 ≤ 300 ms, p95 ≤ 1 s and throughput ≥ 4 packs/s, and every pack is within
/// 19 pages and 4 MB.
/// </summary>
internal static class PackRenderBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var packs = Arg(args, "--packs", 200);
        var concurrency = Arg(args, "--concurrency", 2);
        var root = FindRoot();
        var samples = Path.Combine(root, "samples", "default");
        var templates = Path.Combine(root, "templates");

        var (records, _) = await FileMerchantSource.LoadAsync(samples, CancellationToken.None);
        var policy = RefundPolicyLoader.Load(templates, "viplikes-refund");
        var disputes = Read(samples, "disputes.json").Select(d => DisputeKit.Stripe.Gateway.StripeModels.Dispute(global::Stripe.StripeEntity.FromJson<global::Stripe.Dispute>(d.ToJsonString()))).ToList();
        var charges = Read(samples, "charges.json").Select(c => DisputeKit.Stripe.Gateway.StripeModels.Charge(global::Stripe.StripeEntity.FromJson<global::Stripe.Charge>(c.ToJsonString()))).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var disputed = disputes.Select(d => d.ChargeId).ToHashSet(StringComparer.Ordinal);
        var gatherer = new EvidenceGatherer(records, new DisputeMatcher(records));
        var asOf = DateTimeOffset.Parse(JsonNode.Parse(File.ReadAllText(Path.Combine(samples, "manifest.json")))!["as_of"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var branding = new Branding { Name = "VipLikes", Contact = "support@viplikes.example" };

        var cases = new List<(EvidenceBundle Bundle, Verdict Verdict)>();
        foreach (var d in disputes)
        {
            var bundle = await gatherer.GatherAsync(d, charges.GetValueOrDefault(d.ChargeId), disputed, CancellationToken.None);
            if (bundle.Match.IsMatched)
            {
                cases.Add((bundle, PolicyEngine.Evaluate(bundle, policy)));
            }
        }

        await using var printer = new ChromiumPrinter(new RenderingOptions { MaxConcurrency = concurrency });
        var renderer = new HandlebarsPackRenderer(templates, printer);
        var budget = new PackBudget(renderer, maxPages: 19, maxBytes: 4_000_000);

        // Warm the browser once, as the worker does at its first pack.
        await budget.RenderAsync(t => PackModelBuilder.Build(cases[0].Bundle, cases[0].Verdict, policy, branding, asOf, t), CancellationToken.None);

        var latencies = new double[packs];
        var pages = new int[packs];
        var bytes = new long[packs];
        var overBudget = 0;
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < packs)
            {
                var (bundle, verdict) = cases[i % cases.Count];
                var one = Stopwatch.StartNew();
                var pack = await budget.RenderAsync(t => PackModelBuilder.Build(bundle, verdict, policy, branding, asOf, t), CancellationToken.None);
                latencies[i] = one.Elapsed.TotalMilliseconds;
                pages[i] = pack.Pages;
                bytes[i] = pack.Pdf.Length;
                if (pack.OverBudget is not null)
                {
                    Interlocked.Increment(ref overBudget);
                }
            }
        }));
        wall.Stop();

        Array.Sort(latencies);
        var p50 = Percentile(latencies, 0.50);
        var p95 = Percentile(latencies, 0.95);
        var rate = packs / wall.Elapsed.TotalSeconds;
        var peak = Environment.WorkingSet / 1024.0 / 1024.0;
        var pass = p50 <= 300 && p95 <= 1000 && rate >= 4 && overBudget == 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"packs: {packs} ({cases.Count} distinct sample cases), concurrency {concurrency}, {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency per pack: p50 {p50:0} ms, p95 {p95:0} ms, max {latencies[^1]:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {rate:0.0} packs/s over {wall.Elapsed.TotalSeconds:0.0} s; pages {pages.Min()}–{pages.Max()}, size {bytes.Min() / 1024.0:0} KB–{bytes.Max() / 1024.0:0} KB; over budget: {overBudget}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"benchmark process working set at the end: {peak:0} MB (Chromium runs in its own processes)"));
        Console.WriteLine(pass ? "PASS (p50 ≤ 300 ms, p95 ≤ 1 s, ≥ 4 packs/s, all within budget)" : "FAIL (targets: p50 ≤ 300 ms, p95 ≤ 1 s, ≥ 4 packs/s, all within budget)");
        return pass ? 0 : 1;
    }

    private static IEnumerable<JsonObject> Read(string samples, string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(samples, "stripe", file)))!.AsArray().Cast<JsonObject>();
}
