using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

public sealed class BadInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_BrokenMerchantLines_WarnsWithFileLineAndFieldAndSweepsTheRest()
    {
        using var work = new TempFolder("bad");
        var merchant = Cli.CopySamples(work);

        var orders = Path.Combine(merchant, "orders.jsonl");
        var lines = File.ReadAllLines(orders).ToList();
        lines.Insert(3, "{\"id\":\"VL-broken\",\"customer_id\":\"C1\"");
        lines.Add("{\"id\":\"VL-nokind\",\"customer_id\":\"C100001\",\"created_at\":\"2026-01-01T00:00:00+00:00\",\"service\":{\"id\":\"x\",\"name\":\"y\"},\"quantity\":1,\"amount\":1,\"currency\":\"eur\",\"status\":\"completed\"}");
        await File.WriteAllLinesAsync(orders, lines, Ct);
        await File.WriteAllTextAsync(Path.Combine(merchant, "refunds.jsonl"), "not json at all\n", Ct);

        var run = await Cli.RunAsync(work.Path, Cli.Settings(work.Sub("data"), merchant), Ct, "sweep");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Error.ShouldContain("orders.jsonl line 4: not valid JSON");
        run.Error.ShouldContain($"orders.jsonl line {lines.Count}, field 'service.kind': required field is missing or null");
        run.Error.ShouldContain("refunds.jsonl line 1: not valid JSON");
        run.Output.ShouldContain("0 failed");
    }

    [Fact]
    public async Task Sweep_CorruptCaseFile_ReportedKeptAndTheRestSwept_DisputesListNamesIt()
    {
        using var work = new TempFolder("corrupt");
        var data = work.Sub("data");
        // A listed dispute's case torn (as by a disk fault) before the sweep comes to it.
        var victimId = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Cli.Samples, "stripe", "disputes.json"), Ct))!
            .AsArray().Select(d => d!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).First();
        var victim = Path.Combine(data, "cases", victimId + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(victim)!);
        await File.WriteAllTextAsync(victim, "{ torn", Ct);

        // A case whose dispute Stripe no longer lists, unreadable too: only the lists can say so.
        var orphan = Path.Combine(data, "cases", "dp_orphan.json");
        await File.WriteAllTextAsync(orphan, "[]", Ct);

        var sweep = await Cli.RunAsync(work.Path, Cli.Settings(data), Ct, "sweep");

        sweep.ExitCode.ShouldBe(1);
        sweep.Error.ShouldContain(Path.GetFileName(victim));
        sweep.Output.ShouldContain($"{Cli.SampleScenarios.Count} disputes:");
        sweep.Output.ShouldContain("1 failed");
        sweep.Output.ShouldContain("Unreadable: the case of dp_orphan is left as it is");
        (await File.ReadAllTextAsync(victim, Ct)).ShouldBe("{ torn");

        var list = await Cli.RunAsync(work.Path, Cli.Settings(data), Ct, "disputes", "list");
        list.ExitCode.ShouldBe(0, list.Error);
        list.Output.ShouldContain("2 stored cases cannot be read");
        list.Output.ShouldMatch($"{victimId}[^\\n]*unreadable");
        list.Error.ShouldContain($"the case of {victimId} cannot be read");
        list.Error.ShouldContain("dp_orphan.json");

        var json = await Cli.RunAsync(work.Path, Cli.Settings(data), Ct, "disputes", "list", "--json");
        var rows = System.Text.Json.Nodes.JsonNode.Parse(json.Output)!.AsArray();
        rows.Where(r => r!["state"]!.GetValue<string>() == "unreadable").Select(r => r!["dispute_id"]!.GetValue<string>())
            .ShouldBe([victimId, "dp_orphan"], ignoreOrder: true);
        rows.Count.ShouldBe(Directory.GetFiles(Path.Combine(data, "cases"), "*.json").Length);
        (await File.ReadAllTextAsync(orphan, Ct)).ShouldBe("[]");
    }

    [Fact]
    public async Task DataFolderThatCannotBeWritten_SweepExitTwoNamingTheFolder_HealthUnhealthyExitThree()
    {
        using var work = new TempFolder("unwritable");

        // A file where the data folder should be: nothing can be created beneath it, whoever runs it.
        var blocker = work.Sub("not-a-folder");
        await File.WriteAllTextAsync(blocker, "x", Ct);
        var settings = Cli.Settings(Path.Combine(blocker, "data"));
        var sweep = await Cli.RunAsync(work.Path, settings, Ct, "sweep");
        var health = await Cli.RunAsync(work.Path, settings, Ct, "health");

        sweep.ExitCode.ShouldBe(2, sweep.Error);
        sweep.Error.ShouldContain($"The data folder cannot be written at {Path.Combine(blocker, "data", "stripe-fake")}");
        sweep.Error.ShouldContain("DisputeKit:DataPath");
        sweep.Error.ShouldNotContain("   at ");
        health.ExitCode.ShouldBe(3, health.Error);
        health.Output.ShouldMatch("start\\s+unhealthy\\s+The data folder cannot be written");

        // One of the store's folders (holding a case) made immutable, as root, whom permissions do not stop: named at start, nothing swept.
        var data = work.Sub("data");
        var cases = Path.Combine(data, "cases");
        Directory.CreateDirectory(cases);
        await File.WriteAllTextAsync(Path.Combine(cases, "dp_kept.json"), "{}", Ct);
        var before = Directory.GetFiles(cases).ToDictionary(f => f, File.ReadAllText);
        if (!await ChattrAsync("+i", cases))
        {
            // A file system without the immutable flag: the first half above stands alone.
            TestContext.Current.SendDiagnosticMessage("chattr +i is not supported here; the immutable-folder half was not run.");
            return;
        }

        try
        {
            var locked = await Cli.RunAsync(work.Path, Cli.Settings(data), Ct, "sweep");
            var lockedHealth = await Cli.RunAsync(work.Path, Cli.Settings(data), Ct, "health", "--json");

            locked.ExitCode.ShouldBe(2, locked.Error);
            locked.Error.ShouldContain($"The data folder cannot be written at {cases} ");
            lockedHealth.ExitCode.ShouldBe(3);
            System.Text.Json.Nodes.JsonNode.Parse(lockedHealth.Output)!["checks"]!["start"]!["description"]!.GetValue<string>().ShouldContain(cases);
            Directory.GetFiles(cases).ToDictionary(f => f, File.ReadAllText).ShouldBe(before);
        }
        finally
        {
            await ChattrAsync("-i", cases);
        }
    }

    private static async Task<bool> ChattrAsync(string flag, string path)
    {
        try
        {
            using var chattr = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("chattr", [flag, path])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            await chattr.WaitForExitAsync(Ct);
            return chattr.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [Fact]
    public async Task Sweep_BadLogoOrStoreSettings_ExitCodeTwoNamingEachSetting_NothingWorked()
    {
        using var work = new TempFolder("bad-settings");
        var settings = Cli.Settings(work.Sub("data"));
        settings["Branding__LogoPath"] = work.Sub("missing-logo.png");

        var logo = await Cli.RunAsync(work.Path, settings, Ct, "sweep");

        logo.ExitCode.ShouldBe(2, logo.Error);
        logo.Error.ShouldContain($"Branding:LogoPath {work.Sub("missing-logo.png")} does not exist");

        settings.Remove("Branding__LogoPath");
        settings["DisputeKit__Store__Kind"] = "postgres";
        var store = await Cli.RunAsync(work.Path, settings, Ct, "sweep");

        store.ExitCode.ShouldBe(2, store.Error);
        store.Error.ShouldContain("DisputeKit:Store:ConnectionString is empty");

        // A database that does not answer: the store is unavailable, and the password is never printed.
        settings["DisputeKit__Store__ConnectionString"] = "Host=127.0.0.1;Port=1;Username=dk;Password=hunter2-secret;Database=dk;Timeout=3";
        var down = await Cli.RunAsync(work.Path, settings, Ct, "sweep");

        down.ExitCode.ShouldBe(3, down.Error);
        down.Error.ShouldContain("PostgreSQL store could not be used");
        (down.Error + down.Output).ShouldNotContain("hunter2-secret");
        Directory.Exists(work.Sub("data/cases")).ShouldBeFalse();

        // A connection string Npgsql cannot read is bad configuration, named, its password never shown.
        settings["DisputeKit__Store__ConnectionString"] = "Host=127.0.0.1;Pasword=hunter2-secret;Database=dk";
        var malformed = await Cli.RunAsync(work.Path, settings, Ct, "sweep");

        malformed.ExitCode.ShouldBe(2, malformed.Error);
        malformed.Error.ShouldContain("DisputeKit:Store:ConnectionString is not a PostgreSQL connection string");
        (malformed.Error + malformed.Output).ShouldNotContain("hunter2-secret");
    }

    [Theory]
    [InlineData("pack.hbs", "{{#if dispute_id}}unclosed", "pack.hbs: the template does not compile")]
    [InlineData("transcript.hbs", "<p>{{> footer}}</p>", "transcript.hbs line 1: the partial 'footer' does not exist")]
    [InlineData(null, null, "brand.hbs")]
    public async Task Sweep_BrokenOrMissingPackTemplates_RefusedAtStartWithExitTwo_FileNamed(string? file, string? text, string said)
    {
        using var work = new TempFolder("bad-templates");
        var templates = work.Sub("templates");
        foreach (var source in Directory.GetFiles(RepoPaths.Templates, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(templates, Path.GetRelativePath(RepoPaths.Templates, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        if (file is null)
        {
            Directory.Delete(Path.Combine(templates, "pack"), recursive: true);
        }
        else
        {
            await File.WriteAllTextAsync(Path.Combine(templates, "pack", file), text, Ct);
        }

        var settings = Cli.Settings(work.Sub("data"));
        settings["DisputeKit__TemplatesPath"] = templates;
        var run = await Cli.RunAsync(work.Path, settings, Ct, "sweep");

        run.ExitCode.ShouldBe(2, run.Error);
        run.Error.ShouldContain(said);
        run.Error.ShouldNotContain("   at ", Case.Sensitive, "a message, not a stack trace");
        Directory.Exists(work.Sub("data/cases")).ShouldBeFalse();
    }

    [Fact]
    public async Task Sweep_MissingMerchantFolder_ExitCodeTwoNamingIt()
    {
        using var work = new TempFolder("missing");

        var run = await Cli.RunAsync(work.Path, Cli.Settings(work.Sub("data"), work.Sub("nowhere")), Ct, "sweep");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("nowhere");
    }
}
