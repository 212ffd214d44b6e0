using System.Text.Json;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>
/// A failure injected at each step of the lifecycle, then sweeps until nothing fails: every
/// case ends exactly as in a run with no failure — the same state, the same files sent, the
/// same evidence staged on Stripe, the same steps in its audit trail — and no effect on
/// Stripe is applied twice.
/// </summary>
public sealed class RetryTests
{
    // Auto mode, a day before the deadline: the fought case goes all the way to the bank.
    private static readonly Dictionary<string, string?> Auto = new() { ["DisputeKit:Submission:Mode"] = "Auto" };

    private static SweepHarness Harness()
    {
        var h = new SweepHarness(Auto);
        h.Clock.Advance(TimeSpan.FromDays(12));
        return h;
    }

    public static TheoryData<string> Faults() =>
    [
        "records",                            // gather: the merchant database drops the connection
        "flags",                              // decide: the flag store fails after the verdict was saved
        "render:Pack",                        // render: Chromium times out
        "upload:dp_fought-evidence",          // upload the pack: connection lost before Stripe answered
        "upload:dp_fought-evidence+after",    // ... and after Stripe applied it
        "render:Transcript",                  // documents: the transcript does not print
        "upload:dp_fought-transcript",
        "upload:dp_fought-transcript+after",
        "upload:dp_fought-policy",
        "upload:dp_fought-policy+after",
        "stage",
        "stage+after",
        "submit",
        "submit+after",
        "save:SetAside",                      // set aside: the store fails writing the decision for a person
        "save:Skipped",                       // skip: the store fails writing the closed dispute's case
        "save:Gathered",
        "save:Staged",                        // staged on Stripe, but the case could not record it
    ];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Sweep_FailureAtAStep_ThenRetried_EndsLikeACleanRun(string fault)
    {
        using var clean = Harness();
        await clean.SweepAsync();

        using var h = Harness();
        Inject(h, fault);
        var first = await h.SweepAsync();
        first.Count(CaseState.Failed).ShouldBe(1, "the fault fails exactly one case");
        var failed = first.Outcomes.Single(o => o.State == CaseState.Failed);
        (await h.CaseAsync(failed.DisputeId)).FailedStep.ShouldNotBeNull();

        var sweeps = await h.SweepUntilSettledAsync();
        sweeps.ShouldBe(1, "the next sweep finishes the case");

        foreach (var id in new[] { SweepHarness.Fought, SweepHarness.Owed, SweepHarness.Closed })
        {
            var expected = await clean.CaseAsync(id);
            var actual = await h.CaseAsync(id);
            actual.State.ShouldBe(expected.State, id);
            actual.EvidenceFiles().ShouldBe(expected.EvidenceFiles(), id);
            actual.Files.ShouldBe(expected.Files, id);
            Steps(actual).ShouldBe(Steps(expected), id);
            Records(actual).ShouldBe(Records(expected), id);
            Json(h.Stripe.Evidence.GetValueOrDefault(id)).ShouldBe(Json(clean.Stripe.Evidence.GetValueOrDefault(id)), id);
        }

        h.Stripe.Effects.ShouldBeUnique("nothing applied twice on Stripe");
        h.Stripe.Effects.Order().ShouldBe(clean.Stripe.Effects.Order());
        h.Stripe.Files.ShouldBe(clean.Stripe.Files);
    }

    [Theory]
    [InlineData("records", CaseStep.Gather, CaseState.Discovered)]
    [InlineData("flags", CaseStep.Decide, CaseState.Gathered)]
    [InlineData("render:Pack", CaseStep.Render, CaseState.Decided)]
    [InlineData("upload:dp_fought-evidence", CaseStep.UploadPack, CaseState.Rendered)]
    [InlineData("upload:dp_fought-policy+after", CaseStep.UploadDocuments, CaseState.PackUploaded)]
    [InlineData("stage+after", CaseStep.Stage, CaseState.Uploaded)]
    [InlineData("submit", CaseStep.Submit, CaseState.Staged)]
    [InlineData("save:SetAside", CaseStep.SetAside, CaseState.Decided)]
    [InlineData("save:Skipped", CaseStep.Skip, CaseState.Discovered)]
    public async Task Sweep_FailureAtAStep_RecordsTheStepAndWhereToResume(string fault, CaseStep step, CaseState reached)
    {
        using var h = Harness();
        Inject(h, fault);
        var outcome = (await h.SweepAsync()).Outcomes.Single(o => o.State == CaseState.Failed);

        var failed = await h.CaseAsync(outcome.DisputeId);
        failed.FailedStep.ShouldBe(step);
        failed.ResumeFrom.ShouldBe(reached);
        failed.Attempts.ShouldBe(1);
        failed.Note.ShouldNotBeNullOrWhiteSpace();
        failed.Audit[^1].From.ShouldBe(reached);
    }

    [Fact]
    public async Task Sweep_OldFailedCaseFile_ResumesAtItsLastStateAndSendsTheDocumentsItLacks()
    {
        // Written by the sweep before the lifecycle was explicit: failed while uploading the
        // transcript, with the pack on Stripe as file_0001. That sweep's retry staged the pack alone.
        using var h = new SweepHarness();
        var folder = Path.Combine(AppContext.BaseDirectory, "Sweeps", "Fixtures");
        h.Cases.Put(SweepHarness.Fought, await File.ReadAllTextAsync(Path.Combine(folder, "failed-at-documents.case.json"), T.Ct));
        await h.Cases.SavePackAsync(SweepHarness.Fought, await File.ReadAllBytesAsync(Path.Combine(folder, "failed-at-documents.pack.pdf"), T.Ct), T.Ct);
        h.Stripe.Files["file_0001"] = "dp_fought-evidence.pdf";

        await h.SweepAsync();

        var resumed = await h.CaseAsync(SweepHarness.Fought);
        resumed.State.ShouldBe(CaseState.Staged);
        resumed.PackFileId.ShouldBe("file_0001");
        resumed.Files.Select(f => f.Field).ShouldBe(["customer_communication", "refund_policy"]);
        resumed.Audit.Select(a => (a.From, a.To)).ShouldContain((CaseState.Failed, CaseState.Rendered));
        h.Stripe.Calls.ShouldNotContain(c => c.Operation == "upload:dp_fought-evidence.pdf", "the pack was on Stripe already");
        h.Stripe.Evidence[SweepHarness.Fought].Keys.ShouldContain("customer_communication");
        h.Stripe.Evidence[SweepHarness.Fought]["service_documentation"].ShouldBe("file_0001");
        h.Stripe.Evidence[SweepHarness.Fought].Keys.ShouldContain("refund_policy");
    }

    [Fact]
    public async Task Sweep_DocumentsBesideThePack_BuiltFromOneModelPerTrimLevel()
    {
        using var h = new SweepHarness();
        await h.SweepAsync();

        // One pack, one transcript, one policy for the fought case, and a pack for nothing else.
        h.Renderer.Printed.ShouldBe([PackDocument.Pack, PackDocument.Transcript, PackDocument.Policy]);
        h.Stripe.Calls.ShouldNotContain(c => c.Operation == "charge", "the charge comes with the listing");
    }

    private static void Inject(SweepHarness h, string fault)
    {
        var afterApply = fault.EndsWith("+after", StringComparison.Ordinal);
        var name = fault.Replace("+after", string.Empty, StringComparison.Ordinal);
        switch (name)
        {
            case "records":
                h.Faulty.FailNext();
                break;
            case "flags":
                h.Flags.FailNextUpdate = true;
                break;
            case var save when save.StartsWith("save:", StringComparison.Ordinal):
                h.Cases.FailNextSaveInto = Enum.Parse<CaseState>(save["save:".Length..]);
                break;
            case var render when render.StartsWith("render:", StringComparison.Ordinal):
                h.Renderer.FailNext(Enum.Parse<PackDocument>(render["render:".Length..]));
                break;
            default:
                h.Stripe.FailNext(name, afterApply);
                break;
        }
    }

    /// <summary>The moves a case made, with failures and the retries that undid them taken out.</summary>
    private static List<(CaseState? From, CaseState To)> Steps(DisputeCase c)
    {
        var steps = new List<(CaseState? From, CaseState To)>();
        CaseState? before = null;
        foreach (var a in c.Audit.Where(a => a.From != a.To))
        {
            if (a.To == CaseState.Failed)
            {
                before ??= a.From;
                continue;
            }

            if (a.From == CaseState.Failed)
            {
                if (a.To != before)
                {
                    steps.Add((before, a.To));
                }

                before = null;
                continue;
            }

            steps.Add((a.From, a.To));
        }

        return steps;
    }

    /// <summary>What was recorded without a move (documents uploaded or left out, submissions begun).</summary>
    private static List<string> Records(DisputeCase c) =>
        [.. c.Audit.Where(a => a.From == a.To).Select(a => a.Cause).Distinct().Order(StringComparer.Ordinal)];

    private static string Json(Dictionary<string, string>? fields) =>
        JsonSerializer.Serialize(fields?.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList(), DisputeKitJson.Options);
}
