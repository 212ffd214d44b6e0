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
        "records",                            // gather: the merchant database drops the connection (the fought dispute's)
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
        "upload:dp_fought-evidence+saved",    // a 500 Stripe saved under the key: the retry moves to a new key
        "upload:dp_fought-evidence+after+saved", // ... after the file was made (it stays on Stripe, unused)
        "upload:dp_fought-policy+saved",
        "stage+saved",
        "stage+after+saved",
        "submit+saved",                       // the retry reads the dispute, sees no submission, submits under a new key
        "submit+after+saved",                 // ... sees the submission, and records it without sending again
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
        var failed = first.Valuable.Single(o => o.State == CaseState.Failed);
        (await h.CaseAsync(failed.DisputeId)).FailedStep.ShouldNotBeNull();

        var sweeps = await h.SweepUntilSettledAsync();
        sweeps.ShouldBe(1, "the next sweep finishes the case");

        foreach (var id in new[] { SweepHarness.Fought, SweepHarness.Owed, SweepHarness.Closed })
        {
            var expected = await clean.CaseAsync(id);
            var actual = await h.CaseAsync(id);
            actual.State.ShouldBe(expected.State, id);
            Named(h, actual.EvidenceFiles()).ShouldBe(Named(clean, expected.EvidenceFiles()), id);
            actual.Files.Select(f => f with { FileId = h.Stripe.Files[f.FileId] }).ShouldBe(expected.Files.Select(f => f with { FileId = clean.Stripe.Files[f.FileId] }), id);
            Steps(actual).ShouldBe(Steps(expected), id);
            Records(actual).ShouldBe(Records(expected), id);
            Json(h, h.Stripe.Evidence.GetValueOrDefault(id)).ShouldBe(Json(clean, clean.Stripe.Evidence.GetValueOrDefault(id)), id);
        }

        // A request applied before Stripe failed and saved the failure cannot be known by its key:
        // an upload is made again under the next key (the first file stays on Stripe, unused). A
        // staging is found on the dispute read before sending again, and a submission likewise:
        // neither is sent twice.
        var again = fault.EndsWith("+after+saved", StringComparison.Ordinal) && fault.StartsWith("upload:", StringComparison.Ordinal);
        var effects = h.Stripe.Effects.Select(Generationless).ToList();
        effects.Distinct().Order().ShouldBe(clean.Stripe.Effects.Select(Generationless).Order());
        effects.Count.ShouldBe(clean.Stripe.Effects.Count() + (again ? 1 : 0), "nothing else applied twice on Stripe");
        effects.Count(e => e.StartsWith("submit", StringComparison.Ordinal)).ShouldBe(1);
        h.Stripe.Files.Count.ShouldBe(clean.Stripe.Files.Count + (again && fault.StartsWith("upload:", StringComparison.Ordinal) ? 1 : 0));
        (await h.CaseAsync(SweepHarness.Fought)).Keys.Values.Count(k => k.Generation > 0).ShouldBe(fault.EndsWith("saved", StringComparison.Ordinal) && fault is not ("submit+after+saved" or "stage+after+saved") ? 1 : 0);
    }

    [Fact]
    public async Task Sweep_500SavedUnderTheUploadKey_NextSweepUsesANewKey_AndSaysWhy()
    {
        using var h = Harness();
        h.Stripe.FailNext("upload:dp_fought-evidence", saved: true);

        await h.SweepAsync();
        var failed = await h.CaseAsync(SweepHarness.Fought);
        failed.State.ShouldBe(CaseState.Failed);
        var spent = failed.Keys["pack"];
        spent.Spent.ShouldBeTrue();
        spent.Generation.ShouldBe(0);

        // Without a new key every later sweep would get the saved 500 back until the deadline passed.
        await h.SweepAsync();
        var staged = await h.CaseAsync(SweepHarness.Fought);
        staged.State.ShouldBe(CaseState.Submitted);
        staged.Keys["pack"].ShouldBe(new CaseKey(spent.Base, 1, staged.Keys["pack"].FirstSent));
        h.Stripe.Calls.Where(c => c.Operation == "upload:dp_fought-evidence.pdf").Select(c => (c.Key, c.Result))
            .ShouldBe([(spent.Base, "fault, saved"), (spent.Base + "-g1", "applied")]);
        staged.Audit.Select(a => a.Cause).ShouldContain(c => c.Contains($"saved a failure under the pack key {spent.Base}", StringComparison.Ordinal));
        staged.Audit.Select(a => a.Cause).ShouldContain(c => c.Contains("pack is sent under a new idempotency key (generation 1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_KeyOlderThanStripeKeepsIt_MovesToANewGeneration()
    {
        // Review mode, ten days before the deadline: a day's wait changes nothing else.
        using var h = new SweepHarness();
        h.Clock.Advance(TimeSpan.FromDays(2));
        h.Stripe.FailNext("stage");
        await h.SweepAsync();
        var first = (await h.CaseAsync(SweepHarness.Fought)).Keys["stage"];

        h.Clock.Advance(TimeSpan.FromHours(25));
        await h.SweepAsync();

        var keys = (await h.CaseAsync(SweepHarness.Fought)).Keys;
        keys["stage"].Generation.ShouldBe(1, "Stripe forgets a key after 24 hours: it guards nothing any more");
        keys["stage"].Base.ShouldBe(first.Base);
        keys["pack"].Generation.ShouldBe(0);
    }

    /// <summary>An effect as Stripe applied it, without the key's generation; a staging without the hash of its body (which names file ids).</summary>
    private static string Generationless(string effect) =>
        System.Text.RegularExpressions.Regex.Replace(effect, "(-stage)-[0-9a-f]{32}|-g[0-9]+$", "$1");

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
        var outcome = (await h.SweepAsync()).Valuable.Single(o => o.State == CaseState.Failed);

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
        var afterApply = fault.Contains("+after", StringComparison.Ordinal);
        var name = fault.Replace("+after", string.Empty, StringComparison.Ordinal);
        switch (name)
        {
            case "records":
                h.Faulty.FailNext("ch_test");
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
                var saved = name.EndsWith("+saved", StringComparison.Ordinal);
                h.Stripe.FailNext(name.Replace("+saved", string.Empty, StringComparison.Ordinal), afterApply, saved);
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
        [.. c.Audit.Where(a => a.From == a.To && !a.Cause.Contains("idempotency key", StringComparison.Ordinal) && !a.Cause.Contains("saved a failure", StringComparison.Ordinal))
            .Select(a => a.Cause).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The fields with each file id read as the name the file was uploaded under (ids differ where a file was made twice).</summary>
    private static string Json(SweepHarness h, Dictionary<string, string>? fields) =>
        JsonSerializer.Serialize(fields is null ? null : Named(h, fields).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList(), DisputeKitJson.Options);

    private static Dictionary<string, string> Named(SweepHarness h, IReadOnlyDictionary<string, string> fields) =>
        fields.ToDictionary(kv => kv.Key, kv => h.Stripe.Files.GetValueOrDefault(kv.Value, kv.Value), StringComparer.Ordinal);
}
