using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.StripeFake;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// The sample set swept once against a clean Stripe fake, and again against one that answers
/// 5% of requests with 429, 2% with 500, drops 2% of connections after applying the request
/// and answers 2% of keyed requests with a 500 saved under the key (half of them applied) — with no client retries, so every fault fails its case and a later sweep has to
/// finish it. Both end with every dispute in the same state, the same evidence fields and the
/// same files staged on Stripe, and nothing applied twice.
/// </summary>
public sealed class FaultySweepTests
{
    private const string Key = "sk_test_faults_0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_WithFaultsInjected_ThenSweptUntilNothingFails_EndsLikeACleanRun()
    {
        var clean = await SweepAsync(faults: null);
        var faulty = await SweepAsync(faults: f => f.RandomRates(p429: 0.05, p500: 0.02, seed: 18, pDropAfterApply: 0.02, pSaved500: 0.02));

        faulty.Sweeps.ShouldBeGreaterThan(1, "the faults failed some cases that later sweeps finished");
        faulty.Served.GetValueOrDefault("drop_after_apply").ShouldBeGreaterThan(0);
        faulty.Served.GetValueOrDefault("saved_500").ShouldBeGreaterThan(0, "some failures were saved under their keys, so only a new key could finish those cases");
        faulty.Retried.ShouldBeGreaterThan(0, "some cases failed once and were finished by a later sweep");
        faulty.Cases.Keys.ShouldBe(clean.Cases.Keys, ignoreOrder: true);
        foreach (var (id, expected) in clean.Cases)
        {
            faulty.Cases[id].ShouldBe(expected, id);
        }

        clean.Cases.Values.Count(c => c.State == CaseState.Staged).ShouldBe(Cli.SampleExpected("staged"));
        faulty.Effects.ShouldBe(clean.Effects, ignoreOrder: true);
    }

    private sealed record Ending(CaseState State, string Fields, string Files);

    private sealed record Result(int Sweeps, int Retried, Dictionary<string, Ending> Cases, List<string> Effects, IReadOnlyDictionary<string, int> Served);

    private static async Task<Result> SweepAsync(Action<FakeFaults>? faults)
    {
        using var work = new TempFolder("faulty-sweep");
        await using var fake = await FakeStripeServer.StartAsync(
            new FakeStripeOptions { ApiKey = Key, SeedFolder = Path.Combine(Cli.Samples, "stripe") }, Ct);
        faults?.Invoke(fake.Faults);
        var data = work.Sub("data");
        var settings = Cli.Settings(data);
        settings["Stripe__ApiKey"] = Key;
        settings["Stripe__ApiBase"] = fake.BaseUri.ToString();
        settings["Stripe__FilesBase"] = fake.BaseUri.ToString();
        settings["Stripe__MaxRetries"] = "0";
        // One dispute at a time, so the seeded faults fall on the same requests every run: with
        // several at once they land differently each time, and a drop after an upload followed by a
        // 500 on its resend makes the upload again under a new key (an unused file on Stripe, as
        // docs/reliability.md says), which this test's one-effect-per-step comparison would count.
        settings["DisputeKit__SweepConcurrency"] = "1";
        settings["DisputeKit__ReplayAt"] = "2026-11-01T09:00:00+00:00";

        var sweeps = 0;
        for (; sweeps < 20; sweeps++)
        {
            var run = await Cli.RunAsync(work.Path, settings, Ct, "sweep");
            if (run.ExitCode == 0 && run.Output.Contains(" 0 failed", StringComparison.Ordinal))
            {
                sweeps++;
                break;
            }

            run.ExitCode.ShouldBeOneOf([1, 3], run.Error);
        }

        var cases = Directory.GetFiles(Path.Combine(data, "cases"), "*.json")
            .Select(f => JsonSerializer.Deserialize<DisputeCase>(File.ReadAllText(f), DisputeKitJson.Options)!)
            .ToList();
        cases.ShouldAllBe(c => c.State != CaseState.Failed);
        return new Result(
            sweeps,
            cases.Count(c => c.Audit.Any(a => a.From == CaseState.Failed)),
            cases.ToDictionary(c => c.DisputeId, c => End(fake, c)),
            Effects(fake),
            fake.Faults.Served);
    }

    /// <summary>The case's state, and what Stripe holds for the dispute: the evidence fields set and the files they name.</summary>
    private static Ending End(FakeStripeServer fake, DisputeCase c)
    {
        var evidence = fake.Dispute(c.DisputeId)!["evidence"]!.AsObject()
            .Where(kv => kv.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal);
        var files = evidence.Where(kv => kv.Value.StartsWith("file_", StringComparison.Ordinal))
            .Select(kv => $"{kv.Key}={fake.File(kv.Value)!["filename"]}")
            .Order(StringComparer.Ordinal);
        return new Ending(c.State, string.Join(",", evidence.Keys.Order(StringComparer.Ordinal)), string.Join(",", files));
    }

    /// <summary>
    /// Every effect Stripe applied and answered (not replays, not refused, not faults), as the path
    /// and the key without its content hash and generation (<c>dk-dp_x-pack</c>, <c>dk-dp_x-stage</c>):
    /// each document uploaded once and each dispute staged once, whatever the bytes. A request
    /// applied before Stripe failed and saved the failure under its key is a fault here: its file
    /// stays on Stripe unused, and the case sends it again under the next key.
    /// </summary>
    private static List<string> Effects(FakeStripeServer fake)
    {
        var applied = fake.Requests.Where(r => r.Method == "POST" && r.Status == 200 && !r.Replayed && r.Fault is null).ToList();
        applied.Select(r => r.IdempotencyKey).ShouldBeUnique();
        var effects = applied.Select(r => $"{r.Method} {r.Path} {Regex.Replace(r.IdempotencyKey ?? "(no key)", "(-[0-9a-f]{32})?(-g[0-9]+)?$", string.Empty)}").ToList();
        effects.ShouldBeUnique();
        return effects;
    }
}
