using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.StripeFake;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// The real program against the local fake speaking endive, on the sample set: a compliance
/// dispute waits for a person to accept its fee, Smart Disputes' own submission is recognised,
/// a lost dispute is appealed and the appeal submitted once, and evidence over the network's
/// page limit is shortened once, then set aside — never a failed loop.
/// </summary>
public sealed class EndiveSweepTests
{
    private const string Key = "sk_test_endive_0123456789";
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly IReadOnlyList<string> Fought =
    [
        .. JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "scenarios.json")))!.AsArray().Cast<JsonObject>()
            .Where(s => s["expected_state"]!.GetValue<string>() == "staged").Select(s => s["dispute_id"]!.GetValue<string>()).Order(StringComparer.Ordinal),
    ];

    [Fact]
    public async Task Compliance_SmartDisputes_AndAnAppeal_AnsweredAsAPersonWouldExpect()
    {
        using var work = new TempFolder("endive");
        await using var fake = await StartAsync(pageLimit: null);
        var settings = Settings(work, fake);
        var (compliance, smart, appealed) = (Fought[0], Fought[1], Fought[2]);
        fake.MakeCompliance(compliance, "visa_compliance");
        fake.SubmitBySmartDisputes(smart);

        (await Cli.RunAsync(work.Path, settings, Ct, "sweep")).ExitCode.ShouldBe(0);

        var c = Case(work, compliance);
        c.State.ShouldBe(CaseState.SetAside);
        c.Note.ShouldNotBeNull().ShouldContain("500 USD");
        fake.Dispute(compliance)!["evidence_details"]!["has_evidence"]!.GetValue<bool>().ShouldBeTrue("the answer is staged for the person who accepts the fee");
        var s = Case(work, smart);
        s.State.ShouldBe(CaseState.Skipped);
        s.Note.ShouldNotBeNull().ShouldContain("Smart Disputes already submitted its own evidence");

        var refused = await Cli.RunAsync(work.Path, settings, Ct, "submit", compliance, "--yes");
        refused.ExitCode.ShouldBe(5);
        refused.Error.ShouldContain($"disputekit submit {compliance} --acknowledge-fee");
        fake.Requests.ShouldNotContain(r => r.Path == $"/v1/disputes/{compliance}" && r.Form.GetValueOrDefault("submit") == "true");
        var paid = await Cli.RunAsync(work.Path, settings, Ct, "submit", compliance, "--yes", "--acknowledge-fee");
        paid.ExitCode.ShouldBe(0, paid.Error);
        fake.Requests.Single(r => r.Path == $"/v1/disputes/{compliance}" && r.Form.GetValueOrDefault("submit") == "true" && r.Status == 200)
            .Form["evidence[enhanced_evidence][visa_compliance][fee_acknowledged]"].ShouldBe("true");

        // Answered, lost, and appealable for five days.
        (await Cli.RunAsync(work.Path, settings, Ct, "submit", appealed, "--yes")).ExitCode.ShouldBe(0);
        fake.Resolve(appealed, "lost");
        fake.MakeAppealable(appealed, AsOf.AddDays(5));
        (await Cli.RunAsync(work.Path, settings, Ct, "sweep")).ExitCode.ShouldBe(0);

        var reopened = Case(work, appealed);
        reopened.State.ShouldBe(CaseState.Staged);
        reopened.Appeal.ShouldNotBeNull().SupportingFiles.ShouldBe([.. reopened.EvidenceFiles().Values]);
        var onStripe = fake.Dispute(appealed)!["evidence"]!["appeal"]!["card"]!;
        onStripe["reason_for_filing"]!.GetValue<string>().ShouldStartWith($"We appeal the decision on dispute {appealed}");
        onStripe["supporting_files"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(reopened.Appeal.SupportingFiles);
        var list = JsonNode.Parse((await Cli.RunAsync(work.Path, settings, Ct, "disputes", "list", "--json")).Output)!.AsArray();
        list.Single(r => r!["dispute_id"]!.GetValue<string>() == appealed)!["appeal"]!.GetValue<bool>().ShouldBeTrue();
        (await Cli.RunAsync(work.Path, settings, Ct, "case", "show", appealed)).Output.ShouldContain("reopened");

        var submitted = await Cli.RunAsync(work.Path, settings, Ct, "submit", appealed, "--yes");
        submitted.ExitCode.ShouldBe(0, submitted.Error);
        submitted.Output.ShouldContain("appeal submitted to the bank");
        fake.Dispute(appealed)!["status"]!.GetValue<string>().ShouldBe("appeal_under_review");
        (await Cli.RunAsync(work.Path, settings, Ct, "submit", appealed, "--yes")).ExitCode.ShouldBe(5, "submitted once");
        fake.Requests.Count(r => r.Path == $"/v1/disputes/{appealed}" && r.Form.GetValueOrDefault("submit") == "true" && r.Status == 200 && !r.Replayed)
            .ShouldBe(2, "the answer, then the appeal");
    }

    [Fact]
    public async Task PageLimit_RefusedEvidence_ShortenedOnceThenStagedOrSetAside_NothingFails_NothingLoops()
    {
        using var work = new TempFolder("endive-pages");
        // Packs here are 4 or 5 pages, with up to 4 more beside them: 4 pages lets some through once shortened, not others.
        await using var fake = await StartAsync(pageLimit: 4);
        var settings = Settings(work, fake);

        var first = await Cli.RunAsync(work.Path, settings, Ct, "sweep");
        first.ExitCode.ShouldBe(0, first.Error);

        var cases = Fought.Select(id => Case(work, id)).ToList();
        cases.ShouldAllBe(c => c.State == CaseState.Staged || c.State == CaseState.SetAside);
        var shortened = cases.Where(c => c.Shortened is not null).ToList();
        shortened.ShouldNotBeEmpty();
        shortened.ShouldContain(c => c.State == CaseState.Staged, "shortened within fewer pages, Stripe took it");
        shortened.ShouldContain(c => c.State == CaseState.SetAside && c.Note!.Contains("page limit"), "still too long once shortened: a person decides");
        foreach (var staged in cases.Where(c => c.State == CaseState.Staged))
        {
            ((staged.PackPages ?? 0) + staged.Files.Sum(f => f.Pages)).ShouldBeLessThanOrEqualTo(4, staged.DisputeId);
        }

        var posts = fake.Requests.Count(r => r.Method == "POST");
        var second = await Cli.RunAsync(work.Path, settings, Ct, "sweep");
        second.ExitCode.ShouldBe(0, second.Error);
        second.Output.ShouldContain("0 changed in this run");
        fake.Requests.Count(r => r.Method == "POST").ShouldBe(posts, "a case Stripe refused twice is left for a person");
    }

    private static Task<FakeStripeServer> StartAsync(int? pageLimit) => FakeStripeServer.StartAsync(
        new FakeStripeOptions { ApiKey = Key, SeedFolder = Path.Combine(Cli.Samples, "stripe"), EvidencePageLimit = pageLimit }, Ct);

    private static Dictionary<string, string> Settings(TempFolder work, FakeStripeServer fake)
    {
        var settings = Cli.Settings(work.Sub("data"));
        settings["Stripe__ApiKey"] = Key;
        settings["Stripe__ApiBase"] = fake.BaseUri.ToString();
        settings["Stripe__FilesBase"] = fake.BaseUri.ToString();
        settings["DisputeKit__ReplayAt"] = AsOf.ToString("O");
        return settings;
    }

    private static DisputeCase Case(TempFolder work, string id) =>
        JsonSerializer.Deserialize<DisputeCase>(File.ReadAllText(Path.Combine(work.Path, "data", "cases", id + ".json")), DisputeKitJson.Options)!;
}
