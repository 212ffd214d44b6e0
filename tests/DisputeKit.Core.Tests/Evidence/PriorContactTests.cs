using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Evidence;

public sealed class PriorContactTests
{
    public static TheoryData<string, Func<Records, Records>, bool, bool> Cases => new()
    {
        { "inbound about the order, by account", r => r.Message("M1", "inbound", T.Day(5), ["VL-1"]), true, true },
        { "inbound from the email, other case and spaces, no account", r => r.Message("M1", "inbound", T.Day(5), customerId: null, email: "  JANE.DOE@example.TEST "), true, true },
        { "outbound only", r => r.Message("M1", "outbound", T.Day(5), ["VL-1"]), false, false },
        { "inbound after the dispute", r => r.Message("M1", "inbound", T.Day(21), ["VL-1"]), false, false },
        { "inbound about another order", r => r.Message("M1", "inbound", T.Day(5), ["VL-0"]), true, false },
        { "inbound naming no order, before the purchase", r => r.Message("M1", "inbound", T.Day(-3)), true, false },
        { "inbound naming the order, by order reference only", r => r.Message("M1", "inbound", T.Day(5), ["VL-1"], customerId: null, email: "someone.else@example.test"), true, true },
        { "nothing at all", r => r, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Gather_PriorContact_CountsOnlyInboundBeforeTheDispute(string story, Func<Records, Records> messages, bool atAll, bool aboutPurchase)
    {
        var records = messages(new Records().With(new OrderBuilder().Build(), Records.Completed));

        var finding = (await Bundles.GatherAsync(records, new DisputeBuilder().Created(T.Day(20)).Build())).PriorContact;

        finding.ContactedAtAll.ShouldBe(atAll, story);
        finding.ContactedAboutPurchase.ShouldBe(aboutPurchase, story);
        finding.Statement.ShouldNotBeNullOrWhiteSpace();
        if (aboutPurchase)
        {
            finding.Proof.ShouldNotBeEmpty();
            finding.GapToDispute.ShouldBe(T.Day(20) - finding.LastContactAt!.Value);
        }
        else if (!atAll)
        {
            finding.Statement.ShouldContain("did not contact support");
        }
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("imap,records", true)]
    [InlineData("imap", false)]
    public async Task Gather_TheExportedMessages_CountUnlessTheSourcesListedLeaveThemOut(string kinds, bool counted)
    {
        var records = new Records().With(new OrderBuilder().Build(), Records.Completed).Message("M1", "inbound", T.Day(5), ["VL-1"]);
        var options = new DisputeKit.Core.Support.SupportOptions
        {
            Sources = [.. kinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => new DisputeKit.Core.Support.SupportSourceSetting { Kind = k })],
        };
        var support = new DisputeKit.Core.Support.SupportMessages([], Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);

        var bundle = await new DisputeKit.Core.Evidence.EvidenceGatherer(records.Store, new DisputeKit.Core.Evidence.DisputeMatcher(records.Store), support: support)
            .GatherAsync(new DisputeBuilder().Created(T.Day(20)).Build(), null, new HashSet<string>(), T.Ct);

        bundle.PriorContact.ContactedAboutPurchase.ShouldBe(counted, kinds);
        bundle.Communication.Count.ShouldBe(counted ? 1 : 0, kinds);
    }

    [Fact]
    public async Task Gather_ContactAfterDispute_IsInHistoryButNotCounted()
    {
        var records = new Records().With(new OrderBuilder().Build(), Records.Completed).Message("M9", "inbound", T.Day(25), ["VL-1"]);

        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Created(T.Day(20)).Build());

        bundle.Communication.Select(m => m.Id).ShouldBe(["M9"]);
        bundle.PriorContact.NotCounted.ShouldContain(n => n.StartsWith("M9") && n.Contains("after the dispute"));
    }
}
