using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Submission;
using DisputeKit.MerchantData.Files;
using DisputeKit.Stripe.Client;
using DisputeKit.Testing;
using Shouldly;
using DisputeKit.Core.Accounts;

namespace DisputeKit.Cli.Tests.Policy;

/// <summary>
/// Every sample dispute, one test each: the policy engine's verdict, the amount owed and the
/// flag decision are what <c>samples/default/scenarios.json</c> says the refund policy
/// implies, and every text sent to Stripe is within its limit, free of links, and names the
/// purchase, the delivered quantity and the rule it relies on.
/// </summary>
public sealed partial class SampleCasesTests
{
    private static readonly Lazy<Task<Samples>> Loaded = new(Samples.LoadAsync);

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var s in Samples.ReadScenarios())
        {
            data.Add(s["scenario"]!.GetValue<string>());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Sample_VerdictOwedAndFlag_AreWhatThePolicyImplies(string scenario)
    {
        var samples = await Loaded.Value;
        var (expected, bundle) = await samples.CaseAsync(scenario);

        var verdict = PolicyEngine.Evaluate(bundle, samples.Policy);
        var flag = FlagPolicy.Decide(bundle, verdict, samples.Policy);

        verdict.Kind.ToString().ToLowerInvariant().ShouldBe(expected["expected_verdict"]!.GetValue<string>(), verdict.Summary);
        verdict.AmountOwed.ShouldBe(expected["expected_amount_owed"]?.GetValue<long>(), verdict.Summary);
        if (expected["expected_state"]!.GetValue<string>() != "skipped")
        {
            flag.Severity.ShouldBe(expected["expected_flag"]!.GetValue<string>(), flag.Reason);
        }

        if (bundle.Dispute.Reason == DisputeReason.Fraudulent && flag.Flag)
        {
            flag.SuggestedAction.ShouldBe("person_review");
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Sample_LetterAndFields_WithinLimitsWithoutLinks_NameOrderDeliveredAndRule(string scenario)
    {
        var samples = await Loaded.Value;
        var (_, bundle) = await samples.CaseAsync(scenario);
        var verdict = PolicyEngine.Evaluate(bundle, samples.Policy);

        var letter = EvidenceComposer.CoverLetter(bundle, verdict, samples.Policy);
        var evidence = EvidenceComposer.Compose(bundle, verdict, samples.Policy, new Dictionary<string, string> { ["service_documentation"] = "file_pack" });
        var text = string.Join("\n", letter.Paragraphs);

        foreach (var (field, value) in evidence.Fields)
        {
            value.Length.ShouldBeLessThanOrEqualTo(EvidenceLimits.LimitOf(field), field);
            Link().IsMatch(value).ShouldBeFalse($"{field} holds a link: {value}");
            Accusation().IsMatch(value).ShouldBeFalse($"{field} accuses the customer: {value}");
        }

        evidence.Fields.Where(kv => !EvidenceLimits.FileFields.Contains(kv.Key)).Sum(kv => kv.Value.Length).ShouldBeLessThanOrEqualTo(EvidenceLimits.AllText);
        Link().IsMatch(text).ShouldBeFalse(text);
        Accusation().IsMatch(text).ShouldBeFalse(text);
        if (!bundle.Match.IsMatched)
        {
            text.ShouldContain("the disputed payment");
            return;
        }

        var reference = bundle.Order?.Id ?? bundle.Match.Subscription!.Id;
        text.ShouldContain(reference);
        evidence.Fields["uncategorized_text"].ShouldContain(reference);
        evidence.Fields["refund_refusal_explanation"].ShouldContain(reference);
        verdict.Rules.ShouldContain(r => text.Contains(r.ToString()), "the letter quotes a rule it relies on");
        if (bundle.Delivery is { } delivery)
        {
            text.ShouldContain($"{delivery.Delivered} of {delivery.Ordered}");
            evidence.Fields["product_description"].ShouldContain(reference);
        }
        else
        {
            text.ShouldContain(bundle.Match.Subscription!.Renewals.Count.ToString(CultureInfo.InvariantCulture) + " renewal");
        }

        if (DisputeReason.IsIdentityClaim(bundle.Dispute.Reason))
        {
            text.ShouldNotContain("did not contact support", Case.Insensitive);
            text.ShouldContain("own shop account");
        }
    }

    [GeneratedRegex(@"https?://|www\.", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    /// <summary>Words a bank reads as an accusation rather than a fact.</summary>
    [GeneratedRegex(@"friendly fraud|fraudster|scam|\blie[sd]?\b|\blying\b|dishonest|abuse", RegexOptions.IgnoreCase)]
    private static partial Regex Accusation();

    private sealed class Samples
    {
        public required RefundPolicy Policy { get; init; }
        public required EvidenceGatherer Gatherer { get; init; }
        public required Dictionary<string, JsonObject> Scenarios { get; init; }
        public required Dictionary<string, Dispute> Disputes { get; init; }
        public required Dictionary<string, ChargeDetails> Charges { get; init; }

        public static IReadOnlyList<JsonObject> ReadScenarios() =>
            [.. JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "scenarios.json")))!.AsArray().Cast<JsonObject>()];

        public static async Task<Samples> LoadAsync()
        {
            var (records, report) = await FileMerchantSource.LoadAsync(RepoPaths.Samples, CancellationToken.None);
            report.Issues.ShouldBeEmpty();
            var disputes = ReadStripe("disputes.json").Select(d => DisputeKit.Stripe.Gateway.StripeModels.Dispute(global::Stripe.StripeEntity.FromJson<global::Stripe.Dispute>(d.ToJsonString()))).ToDictionary(d => d.Id, StringComparer.Ordinal);
            var charges = ReadStripe("charges.json").Select(c => DisputeKit.Stripe.Gateway.StripeModels.Charge(global::Stripe.StripeEntity.FromJson<global::Stripe.Charge>(c.ToJsonString()))).ToDictionary(c => c.Id, StringComparer.Ordinal);
            return new Samples
            {
                Policy = RefundPolicyLoader.Load(RepoPaths.Templates, "viplikes-refund"),
                Gatherer = new EvidenceGatherer(records, new DisputeMatcher(records)),
                Scenarios = ReadScenarios().ToDictionary(s => s["scenario"]!.GetValue<string>(), StringComparer.Ordinal),
                Disputes = disputes,
                Charges = charges,
            };
        }

        public async Task<(JsonObject Expected, EvidenceBundle Bundle)> CaseAsync(string scenario)
        {
            var expected = Scenarios[scenario];
            var dispute = Disputes[expected["dispute_id"]!.GetValue<string>()];
            var bundle = await Gatherer.GatherAsync(
                dispute, Charges.GetValueOrDefault(dispute.ChargeId), Disputes.Values.Select(d => d.ChargeId).ToHashSet(StringComparer.Ordinal),
                TestContext.Current.CancellationToken);
            return (expected, bundle);
        }

        private static IEnumerable<JsonObject> ReadStripe(string file) =>
            JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "stripe", file)))!.AsArray().Cast<JsonObject>();
    }
}
