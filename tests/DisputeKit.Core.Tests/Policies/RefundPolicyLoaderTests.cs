using DisputeKit.Core.Policies;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Tests.Builders;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Core.Tests.Policies;

public sealed class RefundPolicyLoaderTests
{
    [Fact]
    public void Load_Viplikes_HasEveryRuleAndItsPublishedTextInEachLanguage()
    {
        var policy = RefundPolicyLoader.Load(RepoPaths.Templates, "viplikes-refund");

        policy.Published.Keys.Order().ShouldBe(["da", "fr", "nl"]);
        foreach (var (locale, texts) in policy.Published)
        {
            texts.Keys.Order().ShouldBe(policy.Rules.Keys.Order(), locale);
            texts.Values.ShouldAllBe(t => t.Length > 40, locale);
        }

        policy.PublishedText("nl", RuleKeys.DropGuarantee)!.ShouldContain("30 dagen");
        policy.PublishedText("da", RuleKeys.Accounts)!.ShouldContain("12 timer");
        policy.PublishedText("fr", RuleKeys.RecurringPayments)!.ShouldContain("récurrent");
        policy.PublishedText("en", RuleKeys.FullRefund).ShouldBeNull();
        policy.Rule(RuleKeys.FullRefund).Key.ShouldBe(RuleKeys.FullRefund);
    }

    [Fact]
    public void Load_ShortPolicy_SevenDayWindowsNoDropGuaranteeAndItsTextInDutchAndFrench()
    {
        var policy = RefundPolicyLoader.Load(RepoPaths.Templates, "short-refund");

        policy.NonDeliveryClaimDays.ShouldBe(7);
        policy.NotAsDescribedClaimDays.ShouldBe(7);
        policy.LatestRenewalRefundRequestHours.ShouldBe(168);
        policy.DropGuaranteeDays.ShouldBeNull();
        policy.AccountSwapWindowHours.ShouldBeNull();
        policy.PromisesStartTimes.ShouldBeFalse();
        policy.Has(RuleKeys.Chargebacks).ShouldBeFalse();
        policy.Published.Keys.Order().ShouldBe(["fr", "nl"]);
        foreach (var (locale, texts) in policy.Published)
        {
            texts.Keys.Order().ShouldBe(policy.Rules.Keys.Order(), locale);
        }

        policy.PublishedText("nl", RuleKeys.FullRefund)!.ShouldContain("binnen 7 dagen na het plaatsen van de bestelling");
        policy.PublishedText("fr", RuleKeys.NotAsDescribed)!.ShouldContain("dans les 7 jours");
        policy.PublishedText("fr", RuleKeys.Investigation)!.ShouldNotContain("Acheté", Case.Sensitive);
    }

    [Fact]
    public void Load_ParameterWithoutItsRule_NamesTheRuleAndTheParameter()
    {
        using var templates = new TempFolder("policy");
        Directory.CreateDirectory(Path.Combine(templates.Path, "policies"));
        var json = File.ReadAllText(Path.Combine(RepoPaths.Templates, "policies", "short-refund.json"))
            .Replace("\"non_delivery_claim_days\": 7,", "\"non_delivery_claim_days\": 7, \"drop_guarantee_days\": 30,", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(templates.Path, "policies", "short-refund.json"), json);

        var error = Should.Throw<InvalidOperationException>(() => RefundPolicyLoader.Load(templates.Path, "short-refund"));

        error.Message.ShouldContain("short-refund.json");
        error.Message.ShouldContain("drop_guarantee (needed because drop_guarantee_days is set)");
    }

    [Fact]
    public void Load_PublishedTextWithUnknownRule_NamesFileAndLine()
    {
        using var templates = new TempFolder("policy");
        Directory.CreateDirectory(Path.Combine(templates.Path, "policies", "viplikes-refund"));
        File.Copy(Path.Combine(RepoPaths.Templates, "policies", "viplikes-refund.json"), Path.Combine(templates.Path, "policies", "viplikes-refund.json"));
        File.WriteAllLines(Path.Combine(templates.Path, "policies", "viplikes-refund", "de.txt"), ["# comment", "## full_refund", "Text", "## free_pizza", "x"]);

        var error = Should.Throw<InvalidOperationException>(() => RefundPolicyLoader.Load(templates.Path, "viplikes-refund"));

        error.Message.ShouldContain("de.txt line 4");
        error.Message.ShouldContain("free_pizza");
    }

    [Fact]
    public async Task PackModel_QuotesThePolicyInTheLanguageTheCustomerAccepted()
    {
        var records = new Records().With(new OrderBuilder().Build() with { PolicyAcceptanceId = "PA1" }, Records.Completed);
        records.Store.Add(new Merchant.PolicyAcceptance { Id = "PA1", CustomerId = "C1", Policy = "viplikes-refund", Version = "2025-10-02", Locale = "da", AcceptedAt = T.Day(-1) });
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Build());
        var verdict = PolicyEngine.Evaluate(bundle, Bundles.Policy);

        var model = PackModelBuilder.Build(bundle, verdict, Bundles.Policy, new Branding { Name = "VipLikes" }, T.Day(30));

        model.Policy.ShouldNotBeEmpty();
        model.Policy.ShouldAllBe(row => row.PublishedLanguage == "da" && row.Published != null);
        model.Policy.Select(r => r.Rule).ShouldContain(r => r.Contains("full refund"));
    }
}
