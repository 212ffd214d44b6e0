using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DisputeKit.Review;
using DisputeKit.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace DisputeKit.Cli.Tests.Review;

using Cli = DisputeKit.Cli.Tests.Commands.Cli;

/// <summary>
/// The outcomes report on a year of closed disputes whose outcomes the sample generator knows
/// (<c>samples generate --closed</c>): a sweep records each (first seen closed: its order, prior
/// contact and the policy's verdict, nothing sent), and <c>report --json</c>, its CSV and the
/// <c>/outcomes</c> page all give the generator's numbers. Saves the screenshot of the outcomes
/// page; with DISPUTEKIT_UPDATE_SCREENSHOTS=1 it replaces the one in docs/images.
/// </summary>
public sealed class OutcomesHistoryTests
{
    private const string Password = "correct horse battery";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Report_AYearOfClosedDisputes_JsonCsvAndPage_GiveTheGeneratorsNumbers()
    {
        using var work = new TempFolder("history");
        var samples = work.Sub("samples");
        var made = await Cli.RunAsync(work.Path, new Dictionary<string, string>(), Ct,
            "samples", "generate", "--out", samples, "--customers", "30", "--orders", "150", "--disputes", "0", "--warnings", "0", "--closed", "60");
        made.ExitCode.ShouldBe(0, made.Error);
        var settings = Cli.Settings(work.Sub("data"), samples);
        var sweep = await Cli.RunAsync(work.Path, settings, Ct, "sweep");
        sweep.ExitCode.ShouldBe(0, sweep.Error);
        sweep.Output.ShouldContain("60 disputes: 0 staged, 0 submitted, 0 set aside for a person, 60 skipped, 0 failed");

        var closed = JsonNode.Parse(File.ReadAllText(Path.Combine(samples, "closed_scenarios.json")))!.AsArray().Cast<JsonObject>().ToList();
        closed.Select(c => c["opened"]!.GetValue<string>()[..7]).Distinct().Count().ShouldBeGreaterThanOrEqualTo(11, "a year of months");
        closed.Select(c => c["status"]!.GetValue<string>()).Distinct().Order().ShouldBe(["lost", "warning_closed", "won"]);
        var json = await Cli.RunAsync(work.Path, settings, Ct, "report", "--json");
        json.ExitCode.ShouldBe(0, json.Error);
        var tables = JsonNode.Parse(json.Output)!["tables"]!.AsArray().Cast<JsonObject>().ToDictionary(t => t["id"]!.GetValue<string>(), t => t["rows"]!.AsArray().Cast<JsonObject>().ToList());

        // Every table but the service kinds (which the generator does not say) against the generator's expectations.
        var groups = new Dictionary<string, Func<JsonObject, string>>
        {
            ["month"] = c => c["opened"]!.GetValue<string>()[..7],
            ["reason"] = c => c["reason"]!.GetValue<string>(),
            ["prior_contact"] = c => c["expected_prior_contact"]!.GetValue<string>(),
            ["verdict"] = c => c["expected_verdict"]!.GetValue<string>(),
            ["total"] = _ => "all",
        };
        foreach (var (table, group) in groups)
        {
            var expected = closed.GroupBy(c => $"{group(c)}|{c["currency"]!.GetValue<string>()}").Select(g =>
            {
                long Sum(string field) => g.Sum(c => c[field]!.GetValue<long>());
                var fought = g.Count(c => c["fought"]!.GetValue<bool>());
                var won = g.Count(c => c["status"]!.GetValue<string>() == "won");
                return $"{g.Key}|{g.Count()}|{g.Count()}|{fought}|{won}|{Sum("amount")}|{Sum("withdrawn")}|{Sum("reinstated")}|{Sum("fees")}|{Sum("reinstated") - Sum("withdrawn") - Sum("fees")}";
            });
            tables[table].Select(r => string.Join('|', r["group"], r["currency"], r["disputes"], r["closed"], r["fought"], r["won"], r["disputed"], r["withdrawn"], r["recovered"], r["fees"], r["net"]))
                .ShouldBe(expected, ignoreOrder: true, table);
        }

        tables["service"].Sum(r => r["disputes"]!.GetValue<int>()).ShouldBe(60);
        tables["service"].ShouldNotContain(r => r["group"]!.GetValue<string>() == "unknown" && r["disputes"]!.GetValue<int>() > 2, "only disputes with no matching order have no service kind");

        // The CSV is the same rows.
        var csv = await Cli.RunAsync(work.Path, settings, Ct, "report", "--csv");
        csv.ExitCode.ShouldBe(0, csv.Error);
        csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ShouldBe(tables.SelectMany(t => t.Value.Select(r =>
            string.Join(',', t.Key, r["group"], r["currency"], r["disputes"], r["closed"], r["fought"], r["won"],
                r["win_rate"] is { } rate ? rate.GetValue<double>().ToString("0.####", CultureInfo.InvariantCulture) : string.Empty,
                r["disputed"], r["withdrawn"], r["recovered"], r["fees"], r["net"]))));

        // And the page, signed in as finance.
        settings["DisputeKit__Review__Url"] = "http://127.0.0.1:0";
        settings["DisputeKit__Review__Users__fiona__Password"] = PasswordHash.Create(Password);
        settings["DisputeKit__Review__Users__fiona__Role"] = "finance";
        using var serve = await Cli.StartServingAsync(work.Path, settings, Ct, "serve");
        var client = SignInForm.Client(serve.Url, out _);
        using (var signIn = await SignInForm.PostAsync(client, Ct, ("name", "fiona"), ("password", Password)))
        {
            signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        }

        var page = await client.GetStringAsync("/outcomes", Ct);
        OutcomesPageRows.Counts(page).ShouldBe(tables.Values.Select(rows => rows.Select(r => string.Join('|', r["group"], r["currency"]!.GetValue<string>().ToUpperInvariant(), r["disputes"], r["closed"], r["fought"], r["won"])).ToList()));
    
        // What finance sees: a year of charts.
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var shown = await context.NewPageAsync();
        await shown.GotoAsync(new Uri(serve.Url, "/signin").ToString());
        await shown.Locator("#name").FillAsync("fiona");
        await shown.Locator("#password").FillAsync(Password);
        await shown.Keyboard.PressAsync("Enter");
        await shown.GetByRole(AriaRole.Heading, new() { Name = "Disputes", Exact = true }).WaitForAsync();
        await shown.GotoAsync(new Uri(serve.Url, "/outcomes").ToString());
        (await shown.Locator("section.report svg rect").CountAsync()).ShouldBeGreaterThan(30, "bars for a year of months, the reasons, services, contact and verdicts");
        await Browsers.ScreenshotAsync(shown, "outcomes.png", fullPage: false, Ct);
    }
}
