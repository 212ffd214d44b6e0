using DisputeKit.Core.Accounts;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Accounts;

public sealed class FlagProposerTests
{
    private static FlagDecision Decision(string severity) => new() { Flag = true, Severity = severity, SuggestedAction = "x", Reason = "no contact" };

    [Fact]
    public async Task Propose_TwoDisputesOneAccount_OneFlagLinkingBoth()
    {
        var store = new MemoryFlags();
        var proposer = new FlagProposer(store, TimeProvider.System);

        (await proposer.ProposeAsync("C1", new DisputeBuilder().Build(), Decision("suspend"), T.Ct)).ShouldBeTrue();
        (await proposer.ProposeAsync("C1", new DisputeBuilder().Build() with { Id = "dp_2" }, Decision("limit"), T.Ct)).ShouldBeTrue();

        store.Flags.Count.ShouldBe(1);
        store.Flags["C1"].Disputes.Select(d => d.DisputeId).ShouldBe(["dp_test", "dp_2"]);
        store.Flags["C1"].Severity.ShouldBe("suspend");
        store.Flags["C1"].State.ShouldBe("proposed");
    }

    [Fact]
    public async Task Propose_IdentityClaimOnAccount_PersonReviewsWholeFlag()
    {
        var store = new MemoryFlags();
        var proposer = new FlagProposer(store, TimeProvider.System);

        await proposer.ProposeAsync("C1", new DisputeBuilder().Build(), Decision("suspend"), T.Ct);
        await proposer.ProposeAsync("C1", new DisputeBuilder().Build() with { Id = "dp_2" }, Decision("review"), T.Ct);

        store.Flags["C1"].Severity.ShouldBe("review");
        store.Flags["C1"].SuggestedAction.ShouldBe("person_review");
    }

    [Fact]
    public async Task Propose_SameDisputeAgain_ChangesNothing()
    {
        var store = new MemoryFlags();
        var proposer = new FlagProposer(store, TimeProvider.System);
        await proposer.ProposeAsync("C1", new DisputeBuilder().Build(), Decision("suspend"), T.Ct);

        (await proposer.ProposeAsync("C1", new DisputeBuilder().Build(), Decision("suspend"), T.Ct)).ShouldBeFalse();
        (await proposer.ProposeAsync("C2", new DisputeBuilder().Build(), FlagDecision.None("contacted"), T.Ct)).ShouldBeFalse();

        store.Saves.ShouldBe(1);
    }
}
