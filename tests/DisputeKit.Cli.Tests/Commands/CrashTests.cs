using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.StripeFake;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// The worker killed (SIGKILL, with its browser) at random points of a sweep, again and again,
/// against a Stripe fake that outlives it: every dispute still ends in exactly one state,
/// nothing is submitted twice, and no case file is torn.
/// </summary>
public sealed class CrashTests
{
    private static readonly DateTimeOffset ReplayAt = new(2026, 11, 4, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_KilledTwentyTimes_EveryDisputeEndsOnce_NothingSubmittedTwice_NoCaseTorn()
    {
        using var work = new TempFolder("crash");
        const string key = "sk_test_crash_0123456789";
        await using var fake = await FakeStripeServer.StartAsync(
            new FakeStripeOptions { ApiKey = key, SeedFolder = Path.Combine(Cli.Samples, "stripe") }, Ct);
        var data = work.Sub("data");
        var settings = Cli.Settings(data);
        settings["Stripe__ApiKey"] = key;
        settings["Stripe__ApiBase"] = fake.BaseUri.ToString();
        settings["Stripe__FilesBase"] = fake.BaseUri.ToString();
        settings["DisputeKit__ReplayAt"] = ReplayAt.ToString("O");
        settings["DisputeKit__Submission__Mode"] = "Auto";

        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var kills = 0;
        var midWork = 0;
        // A run needs about a second to start; a whole sweep of the sample set about ten more.
        // Kills between 0.4 and 2 s therefore land at startup, listing, rendering, uploading,
        // staging and submitting, spread over the twenty runs it takes to finish the work.
        for (var attempt = 0; kills < 20 && attempt < 80; attempt++)
        {
            using var process = Cli.Start(work.Path, settings, "sweep");
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(Ct), process.StandardError.ReadToEndAsync(Ct));
            var exited = process.WaitForExitAsync(Ct);
            if (await Task.WhenAny(exited, Task.Delay(random.Next(400, 2_000), Ct)) != exited)
            {
                process.Kill(entireProcessTree: true);
                kills++;
                midWork += Unsettled(data) > 0 ? 1 : 0;
            }

            await process.WaitForExitAsync(Ct);
            await drain;
        }

        kills.ShouldBe(20, $"seed {seed}");
        midWork.ShouldBeGreaterThanOrEqualTo(10, $"kills that interrupted unfinished work, seed {seed}");

        var final = await Cli.RunAsync(work.Path, settings, Ct, "sweep");
        final.ExitCode.ShouldBe(0, $"seed {seed}: {final.Error}");
        final.Output.ShouldContain("0 failed");

        // No torn or unreadable case file, and every dispute in one settled state with one submission at most.
        var files = Directory.GetFiles(Path.Combine(data, "cases"), "*.json");
        files.Length.ShouldBe(Cli.SampleScenarios.Count, $"seed {seed}");
        var cases = files.Select(f => JsonSerializer.Deserialize<DisputeCase>(File.ReadAllText(f), DisputeKitJson.Options)!).ToList();
        cases.ShouldAllBe(c => c.State == CaseState.Staged || c.State == CaseState.Submitted || c.State == CaseState.SetAside || c.State == CaseState.Skipped,
            $"seed {seed}");
        cases.ShouldAllBe(c => c.Audit.Count(a => a.To == CaseState.Submitted) <= 1, $"seed {seed}");

        var scenarios = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "scenarios.json")))!.AsArray().Cast<JsonObject>()
            .ToDictionary(s => s["dispute_id"]!.GetValue<string>(), s => s["expected_state"]!.GetValue<string>());
        foreach (var c in cases)
        {
            var expected = scenarios[c.DisputeId] switch
            {
                "staged" when c.DueBy - ReplayAt <= TimeSpan.FromHours(48) => CaseState.Submitted,
                "staged" => CaseState.Staged,
                "set_aside" => CaseState.SetAside,
                _ => CaseState.Skipped,
            };
            c.State.ShouldBe(expected, $"{c.DisputeId}, seed {seed}");
        }

        cases.Count(c => c.State == CaseState.Submitted).ShouldBeGreaterThan(0);

        // What the fake saw: at most one real (not replayed) submission per dispute.
        var submissions = fake.Requests
            .Where(r => r.Method == "POST" && r.Path.StartsWith("/v1/disputes/", StringComparison.Ordinal) && !r.Path.EndsWith("/close", StringComparison.Ordinal)
                        && r.Form.TryGetValue("submit", out var submit) && submit == "true" && r.Status == 200 && !r.Replayed)
            .GroupBy(r => r.Path)
            .ToList();
        submissions.ShouldAllBe(g => g.Count() == 1, $"seed {seed}");
        submissions.Count.ShouldBe(cases.Count(c => c.State == CaseState.Submitted), $"seed {seed}");
        foreach (var c in cases)
        {
            fake.Dispute(c.DisputeId)!["evidence_details"]!["submission_count"]!.GetValue<int>().ShouldBeLessThanOrEqualTo(1, c.DisputeId);
        }
    }

    [Fact]
    public async Task Sweep_KilledAlone_ItsPlaywrightDriverAndChromiumDieWithIt()
    {
        using var work = new TempFolder("orphans");
        using var process = Cli.Start(work.Path, Cli.Settings(work.Sub("data")), "sweep");
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(Ct), process.StandardError.ReadToEndAsync(Ct));

        // Wait until the sweep is printing packs: its driver and Chromium are running beneath it.
        IReadOnlyList<(int Pid, string Command)> beneath = [];
        await Cli.WaitUntilAsync(() => (beneath = Descendants(process.Id)).Any(p => p.Command.Contains("chromium", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), Ct);
        beneath.ShouldContain(p => p.Command.Contains("playwright", StringComparison.Ordinal) || p.Command.Contains("node", StringComparison.Ordinal));

        // SIGKILL to the sweep alone, as the OOM killer or `kill -9 <pid>` sends it: nothing of it may run on.
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync(Ct);
        await drain;
        await Cli.WaitUntilAsync(() => beneath.All(p => !Alive(p.Pid)), TimeSpan.FromSeconds(20), Ct);
        beneath.Where(p => Alive(p.Pid)).ShouldBeEmpty();
    }

    /// <summary>Every process beneath <paramref name="root"/> (children, theirs, …), from /proc.</summary>
    private static List<(int Pid, string Command)> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = stat.Parent;
            }
        }

        var found = new List<(int, string)>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (pid, _) in parents.Where(p => p.Value == parent))
            {
                found.Add((pid, Command(pid)));
                frontier.Enqueue(pid);
            }
        }

        return found;
    }

    /// <summary>Running (not gone, not a zombie waiting to be reaped).</summary>
    private static bool Alive(int pid) => Stat(pid) is { } stat && stat.State != 'Z' && stat.State != 'X';

    private static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>Disputes not yet at a settled state: the sample set's disputes less the case files that are.</summary>
    private static int Unsettled(string data)
    {
        var folder = Path.Combine(data, "cases");
        var settled = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json").Count(f => JsonNode.Parse(File.ReadAllText(f))!["state"]!.GetValue<string>() is "staged" or "submitted" or "set_aside" or "skipped")
            : 0;
        return Cli.SampleScenarios.Count - settled;
    }
}
