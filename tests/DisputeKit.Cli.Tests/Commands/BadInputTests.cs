using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

public sealed class BadInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_BrokenMerchantLines_WarnsWithFileLineAndFieldAndSweepsTheRest()
    {
        var work = Path.Combine(Path.GetTempPath(), "dk-bad-" + Guid.NewGuid().ToString("N"));
        var merchant = Path.Combine(work, "merchant");
        Directory.CreateDirectory(work);
        try
        {
            CopyFolder(Cli.Samples, merchant);
            var orders = Path.Combine(merchant, "orders.jsonl");
            var lines = File.ReadAllLines(orders).ToList();
            lines.Insert(3, "{\"id\":\"VL-broken\",\"customer_id\":\"C1\"");
            lines.Add("{\"id\":\"VL-nokind\",\"customer_id\":\"C100001\",\"created_at\":\"2026-01-01T00:00:00+00:00\",\"service\":{\"id\":\"x\",\"name\":\"y\"},\"quantity\":1,\"amount\":1,\"currency\":\"eur\",\"status\":\"completed\"}");
            await File.WriteAllLinesAsync(orders, lines, Ct);
            File.WriteAllText(Path.Combine(merchant, "refunds.jsonl"), "not json at all\n");

            var run = await Cli.RunAsync(work, Cli.Settings(Path.Combine(work, "data"), merchant), Ct, "sweep");

            run.ExitCode.ShouldBe(0, run.Error);
            run.Error.ShouldContain("orders.jsonl line 4: not valid JSON");
            run.Error.ShouldContain($"orders.jsonl line {lines.Count}, field 'service.kind': required field is missing or null");
            run.Error.ShouldContain("refunds.jsonl line 1: not valid JSON");
            run.Output.ShouldContain("0 failed");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Sweep_CorruptCaseFile_ReportedKeptAndTheRestSwept()
    {
        var work = Path.Combine(Path.GetTempPath(), "dk-corrupt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var data = Path.Combine(work, "data");
            var first = await Cli.RunAsync(work, Cli.Settings(data), Ct, "sweep");
            first.ExitCode.ShouldBe(0, first.Error);
            var victim = Directory.GetFiles(Path.Combine(data, "cases")).Order().First();
            await File.WriteAllTextAsync(victim, "{ torn", Ct);

            var second = await Cli.RunAsync(work, Cli.Settings(data), Ct, "sweep");

            second.ExitCode.ShouldBe(1);
            second.Error.ShouldContain(Path.GetFileName(victim));
            second.Output.ShouldContain("1 failed");
            (await File.ReadAllTextAsync(victim, Ct)).ShouldBe("{ torn");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Sweep_MissingMerchantFolder_ExitCodeTwoNamingIt()
    {
        var work = Path.Combine(Path.GetTempPath(), "dk-missing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var run = await Cli.RunAsync(work, Cli.Settings(Path.Combine(work, "data"), Path.Combine(work, "nowhere")), Ct, "sweep");

            run.ExitCode.ShouldBe(2);
            run.Error.ShouldContain("nowhere");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
