using System.CommandLine;
using System.Text.Json;
using DisputeKit.Core.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Spectre.Console;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit health</c>: store, Stripe, Chromium and the last sweep. Exit 0 healthy or degraded, 3 unhealthy.</summary>
internal static class HealthCommand
{
    public static Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("health", "Check the store, Stripe, Chromium and when the last sweep ran.");
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ct);
            return await PrintAsync(report, parse.GetValue(json));
        }, ct, startFailed: problem => PrintAsync(StartFailed(problem), parse.GetValue(json), " (DisputeKit cannot start with these settings; nothing else was checked)")));
        return command;
    }

    /// <summary>
    /// DisputeKit cannot start here (a data folder it may not write, a store that does not answer,
    /// settings that cannot work): that is the finding, reported as a check like the others.
    /// </summary>
    private static HealthReport StartFailed(string problem) =>
        new(new Dictionary<string, HealthReportEntry> { ["start"] = new(HealthStatus.Unhealthy, problem, TimeSpan.Zero, null, null) }, TimeSpan.Zero);

    /// <summary>The report as a table or JSON; exit 3 when anything is unhealthy.</summary>
    private static async Task<int> PrintAsync(HealthReport report, bool json, string overallNote = "")
    {
        if (json)
        {
            var body = new
            {
                Status = report.Status.ToString().ToLowerInvariant(),
                Checks = report.Entries.ToDictionary(e => e.Key, e => new
                {
                    Status = e.Value.Status.ToString().ToLowerInvariant(),
                    e.Value.Description,
                    Data = e.Value.Data.Count == 0 ? null : e.Value.Data,
                }),
            };
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(body, DisputeKitJson.Indented));
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("Check", "Status", "Detail");
            foreach (var (name, entry) in report.Entries)
            {
                var color = entry.Status switch { HealthStatus.Healthy => "green", HealthStatus.Degraded => "yellow", _ => "red" };
                table.AddRow(Markup.Escape(name), $"[{color}]{entry.Status.ToString().ToLowerInvariant()}[/]", Markup.Escape(entry.Description ?? string.Empty));
            }

            var console = CommandHost.Terminal();
            console.Write(table);
            console.WriteLine($"Overall: {report.Status.ToString().ToLowerInvariant()}{overallNote}");
        }

        return report.Status == HealthStatus.Unhealthy ? ExitCodes.Unavailable : ExitCodes.Ok;
    }
}
