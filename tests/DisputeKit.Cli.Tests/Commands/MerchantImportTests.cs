using System.Text.Json.Nodes;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary><c>disputekit merchant import</c>, and a sweep that reads the seller's records from PostgreSQL.</summary>
public sealed class MerchantImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Settings(TempFolder work, TestDatabase database, string? merchantFolder = null)
    {
        var settings = Cli.Settings(work.Sub("data"), merchantFolder);
        settings["DisputeKit__MerchantData__Kind"] = "postgres";
        settings["DisputeKit__MerchantData__ConnectionString"] = database.ConnectionString;
        settings["DisputeKit__MerchantData__Schema"] = "shop_export";
        return settings;
    }

    [Fact]
    public async Task Import_Samples_ThenSweepFromPostgres_EveryCaseAsItsScenarioExpects()
    {
        using var work = new TempFolder("import");
        await using var database = await TestDatabase.CreateAsync("import", Ct);
        var settings = Settings(work, database);
        var lines = Directory.GetFiles(Cli.Samples, "*.jsonl").Sum(f => File.ReadLines(f).Count(l => l.Length > 0));

        var import = await Cli.RunAsync(work.Path, settings, Ct, "merchant", "import");
        var again = await Cli.RunAsync(work.Path, settings, Ct, "merchant", "import", "--from", Cli.Samples);

        import.ExitCode.ShouldBe(0, import.Error);
        import.Output.ShouldContain($"Imported {lines:N0} rows into schema 'shop_export'");
        import.Output.ShouldContain("0 lines left out");
        again.ExitCode.ShouldBe(0, again.Error);
        again.Output.ShouldContain($"Imported {lines:N0} rows", customMessage: "a second import replaces the first rather than adding to it");

        // The sweep finds the records only in PostgreSQL: its merchant folder holds nothing but the Stripe seeds and their date.
        var seedsOnly = work.Sub("seeds-only");
        Directory.CreateDirectory(Path.Combine(seedsOnly, "stripe"));
        File.Copy(Path.Combine(Cli.Samples, "manifest.json"), Path.Combine(seedsOnly, "manifest.json"));
        foreach (var file in Directory.GetFiles(Path.Combine(Cli.Samples, "stripe")))
        {
            File.Copy(file, Path.Combine(seedsOnly, "stripe", Path.GetFileName(file)));
        }

        var sweep = await Cli.RunAsync(work.Path, Settings(work, database, seedsOnly), Ct, "sweep");

        sweep.ExitCode.ShouldBe(0, sweep.Error);
        sweep.Error.ShouldNotContain("merchant data");
        sweep.Error.ShouldNotContain("Password=", Case.Insensitive);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Cli.Samples, "scenarios.json"), Ct))!.AsArray().Cast<JsonObject>()
            .ToDictionary(s => s["dispute_id"]!.GetValue<string>(), s => s["expected_state"]!.GetValue<string>());
        var cases = Directory.GetFiles(work.Sub(Path.Combine("data", "cases")), "*.json")
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!)
            .ToDictionary(c => c["dispute_id"]!.GetValue<string>(), c => c["state"]!.GetValue<string>());
        cases.Count.ShouldBe(expected.Count);
        foreach (var (id, state) in expected)
        {
            cases[id].ShouldBe(state, id);
        }
    }

    [Fact]
    public async Task Import_BadLines_ExitOneNamingFileLineAndField_RestLoads()
    {
        using var work = new TempFolder("import-bad");
        await using var database = await TestDatabase.CreateAsync("importbad", Ct);
        var export = work.Sub("export");
        Directory.CreateDirectory(export);
        await File.WriteAllLinesAsync(Path.Combine(export, "customers.jsonl"),
        [
            """{"id":"C1","email":"a@example.test","created_at":"2025-01-01T00:00:00Z"}""",
            """{"id":"C2","created_at":"2025-01-01T00:00:00Z"}""",
            """{"id":"C3","email":"c@example.test","created_at":"2025-01-01T00:00:00Z"}""",
        ], Ct);

        var run = await Cli.RunAsync(work.Path, Settings(work, database), Ct, "merchant", "import", "--from", export);

        run.ExitCode.ShouldBe(1, run.Error);
        run.Error.ShouldContain("warning: merchant data: customers.jsonl line 2, field 'email': required field is missing or null");
        run.Output.ShouldContain("Imported 2 rows");
        run.Output.ShouldContain("1 line left out");
    }

    [Fact]
    public async Task Import_NotConfiguredOrUnreachable_SaysWhatAndExitsTwoOrThree()
    {
        using var work = new TempFolder("import-settings");
        var files = await Cli.RunAsync(work.Path, Cli.Settings(work.Sub("data")), Ct, "merchant", "import");
        var noConnection = Cli.Settings(work.Sub("data"));
        noConnection["DisputeKit__MerchantData__Kind"] = "postgres";
        var badSchema = new Dictionary<string, string>(noConnection)
        {
            ["DisputeKit__MerchantData__ConnectionString"] = "Host=127.0.0.1;Port=1;Username=u;Password=s3cret-never-shown",
            ["DisputeKit__MerchantData__Schema"] = "Shop; drop table x",
        };
        var down = new Dictionary<string, string>(badSchema) { ["DisputeKit__MerchantData__Schema"] = "merchant" };

        var missing = await Cli.RunAsync(work.Path, noConnection, Ct, "merchant", "import");
        var injected = await Cli.RunAsync(work.Path, badSchema, Ct, "merchant", "import");
        var unreachable = await Cli.RunAsync(work.Path, down, Ct, "merchant", "import");
        var sweepDown = await Cli.RunAsync(work.Path, down, Ct, "sweep");

        files.ExitCode.ShouldBe(2);
        files.Error.ShouldContain("DisputeKit:MerchantData:Kind is 'files'");
        missing.ExitCode.ShouldBe(2);
        missing.Error.ShouldContain("DisputeKit:MerchantData:ConnectionString is empty");
        injected.ExitCode.ShouldBe(2);
        injected.Error.ShouldContain("DisputeKit:MerchantData:Schema");
        unreachable.ExitCode.ShouldBe(3);
        unreachable.Error.ShouldContain("the merchant records in PostgreSQL could not be used");
        sweepDown.ExitCode.ShouldBe(3);
        sweepDown.Error.ShouldContain("the merchant records in PostgreSQL could not be used");
        new[] { unreachable, sweepDown, injected }.ShouldAllBe(r => !r.Error.Contains("s3cret-never-shown") && !r.Output.Contains("s3cret-never-shown"));
    }
}
