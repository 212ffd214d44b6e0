using System.Text.Json.Nodes;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// Missing data never becomes an accusation: a missing, empty or unreadable entity file stops
/// the sweep at start with the file named, unless the settings say the seller deliberately keeps
/// none; without support messages nobody is flagged for not contacting support; an order naming
/// an unknown customer is reported like a bad line.
/// </summary>
public sealed class MissingRecordsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("support_messages.jsonl", "missing", "is missing")]
    [InlineData("support_messages.jsonl", "folder", "is a folder, not a file")]
    [InlineData("orders.jsonl", "empty", "is empty")]
    [InlineData("delivery_events.jsonl", "blank", "is empty")]
    public async Task Sweep_EntityFileMissingEmptyOrAFolder_ExitTwoNamingIt_NothingSwept(string file, string how, string said)
    {
        using var work = new TempFolder("missing-records");
        var merchant = Cli.CopySamples(work);
        var path = Path.Combine(merchant, file);
        File.Delete(path);
        switch (how)
        {
            case "folder":
                Directory.CreateDirectory(path);
                break;
            case "empty":
                await File.WriteAllTextAsync(path, string.Empty, Ct);
                break;
            case "blank":
                await File.WriteAllTextAsync(path, "\n  \n", Ct);
                break;
        }

        var data = work.Sub("data");
        var run = await Cli.RunAsync(work.Path, Cli.Settings(data, merchant), Ct, "sweep");

        run.ExitCode.ShouldBe(2, run.Error);
        run.Error.ShouldContain($"{path} {said}");
        run.Error.ShouldContain("DisputeKit:MerchantData:Absent");
        Directory.Exists(Path.Combine(data, "cases")).ShouldBeFalse("nothing is swept on incomplete records");
    }

    [Fact]
    public async Task Sweep_SupportMessagesDeclaredAbsent_NobodyFlaggedForNoContact_CasesSetAsideNamingTheSource()
    {
        using var work = new TempFolder("absent-messages");
        var merchant = Cli.CopySamples(work);
        File.Delete(Path.Combine(merchant, "support_messages.jsonl"));
        var data = work.Sub("data");
        var settings = Cli.Settings(data, merchant);
        settings["DisputeKit__MerchantData__Absent__0"] = "support_messages";
        settings["DisputeKit__MerchantData__Absent__1"] = "refunds";

        var run = await Cli.RunAsync(work.Path, settings, Ct, "sweep");

        run.ExitCode.ShouldBe(0, run.Error);
        var flags = await Cli.RunAsync(work.Path, settings, Ct, "flags", "list", "--json");
        JsonNode.Parse(flags.Output)!.AsArray().Count.ShouldBe(0, "no flag rests on support messages nobody read");
        var cases = Directory.GetFiles(Path.Combine(data, "cases"), "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!).ToList();
        cases.ShouldNotContain(c => c["state"]!.GetValue<string>() == "staged", "nothing is argued without the support history");
        // Every case with a purchase found; those with none are set aside as unmatched, which says so.
        var unknown = cases.Where(c => c["order_id"] is not null && c["state"]!.GetValue<string>() != "skipped").ToList();
        unknown.ShouldNotBeEmpty();
        unknown.ShouldAllBe(c => c["state"]!.GetValue<string>() == "set_aside");
        unknown.ShouldAllBe(c => c["note"]!.GetValue<string>().Contains("support_messages.jsonl is missing (declared absent)"));
    }

    [Fact]
    public async Task Sweep_OrderOfAnUnknownCustomer_ReportedWithLineAndField_ItsDisputeSetAsideUnflagged()
    {
        using var work = new TempFolder("unknown-customer");
        var merchant = Cli.CopySamples(work);
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Cli.Samples, "scenarios.json"), Ct))!.AsArray()
            .First(s => s!["expected_state"]!.GetValue<string>() == "staged" && s["expected_flag"]!.GetValue<string>() == "suspend")!;
        var orderId = scenario["order_id"]!.GetValue<string>();
        var orders = Path.Combine(merchant, "orders.jsonl");
        var lines = (await File.ReadAllLinesAsync(orders, Ct)).ToList();
        var index = lines.FindIndex(l => JsonNode.Parse(l)!["id"]!.GetValue<string>() == orderId);
        var order = JsonNode.Parse(lines[index])!;
        order["customer_id"] = "C-ghost";
        lines[index] = order.ToJsonString();
        await File.WriteAllLinesAsync(orders, lines, Ct);
        var data = work.Sub("data");

        var run = await Cli.RunAsync(work.Path, Cli.Settings(data, merchant), Ct, "sweep");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Error.ShouldContain($"orders.jsonl line {index + 1}, field 'customer_id': customer 'C-ghost' is not in customers.jsonl; this line is left out");
        var disputed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, "cases", scenario["dispute_id"]!.GetValue<string>() + ".json"), Ct))!;
        disputed["state"]!.GetValue<string>().ShouldBe("set_aside");
        disputed["customer_id"].ShouldBeNull();
    }
}
