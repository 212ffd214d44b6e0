using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary><c>disputekit run</c>: the Quartz worker polls on start and stops cleanly on SIGTERM, even mid-sweep.</summary>
public sealed class WorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_PollsOnStart_WritesASummary_StopsOnSigterm()
    {
        using var work = new TempFolder("worker");
        var data = work.Sub("data");
        using var worker = Cli.Start(work.Path, Cli.Settings(data), "run");
        var error = worker.StandardError.ReadToEndAsync(Ct);
        var output = worker.StandardOutput.ReadToEndAsync(Ct);

        var sweeps = Path.Combine(data, "sweeps");
        await Cli.WaitUntilAsync(() => Directory.Exists(sweeps) && Directory.GetFiles(sweeps, "*.json").Length > 0, TimeSpan.FromSeconds(90), Ct);
        await Cli.TerminateAsync(worker, Ct);

        worker.ExitCode.ShouldBe(0, await error);
        await output;
        var summary = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(sweeps, "*.json").Single()))!;
        summary["scope"]!.GetValue<string>().ShouldBe("new");
        summary["disputes"]!.GetValue<int>().ShouldBe(Cli.SampleScenarios.Count);
        summary["telemetry"]!["stripe_calls"]!.GetValue<long>().ShouldBeGreaterThan(Cli.SampleScenarios.Count);
        summary["telemetry"]!["cases_by_state"]!.AsObject().Sum(kv => kv.Value!.GetValue<int>()).ShouldBe(Cli.SampleScenarios.Count);
        (await error).ShouldContain($"Scheduled New run finished: {Cli.SampleScenarios.Count} disputes");
    }

    [Fact]
    public async Task Run_SigtermMidSweep_StopsAtASavedStep_NextRunFinishes()
    {
        using var work = new TempFolder("worker-stop");
        var data = work.Sub("data");
        var cases = Path.Combine(data, "cases");
        using (var worker = Cli.Start(work.Path, Cli.Settings(data), "run"))
        {
            var error = worker.StandardError.ReadToEndAsync(Ct);
            _ = worker.StandardOutput.ReadToEndAsync(Ct);
            await Cli.WaitUntilAsync(() => Directory.Exists(cases) && Directory.GetFiles(cases, "*.json").Length >= 3, TimeSpan.FromSeconds(90), Ct);
            await Cli.TerminateAsync(worker, Ct);

            worker.ExitCode.ShouldBe(0, await error);
            var log = await error;
            if (!log.Contains("run finished", StringComparison.Ordinal))
            {
                log.ShouldContain("stopped by shutdown");
                var sweeps = Path.Combine(data, "sweeps");
                (Directory.Exists(sweeps) ? Directory.GetFiles(sweeps) : []).ShouldBeEmpty("an interrupted sweep leaves no summary, nor the one it was writing");
            }

            log.ShouldNotContain("failed:");
        }

        // Every file left is a whole case; the next run takes every dispute to a settled state.
        foreach (var file in Directory.GetFiles(cases, "*.json"))
        {
            JsonSerializer.Deserialize<DisputeCase>(File.ReadAllText(file), DisputeKitJson.Options).ShouldNotBeNull(file);
        }

        var sweep = await Cli.RunAsync(work.Path, Cli.Settings(data), Ct, "sweep");
        sweep.ExitCode.ShouldBe(0, sweep.Error);
        sweep.Output.ShouldContain(Cli.SampleSummary);
    }

    [Fact]
    public async Task Run_BadSchedule_ReportsEveryBadSettingAtOnce_ExitTwo()
    {
        using var work = new TempFolder("worker-bad");
        var settings = Cli.Settings(work.Sub("data"));
        settings["DisputeKit__Worker__PollCron"] = "every 5 min";
        settings["DisputeKit__Worker__TimeZone"] = "Mars/Olympus";

        var run = await Cli.RunAsync(work.Path, settings, Ct, "run");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("DisputeKit:Worker:PollCron 'every 5 min' is not a Quartz cron expression");
        run.Error.ShouldContain("DisputeKit:Worker:TimeZone 'Mars/Olympus' is not a known time zone");
        Directory.Exists(work.Sub("data/cases")).ShouldBeFalse("nothing is worked on a bad schedule");
    }
}
