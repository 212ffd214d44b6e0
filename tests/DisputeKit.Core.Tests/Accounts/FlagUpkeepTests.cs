using DisputeKit.Core.Accounts;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;

namespace DisputeKit.Core.Tests.Accounts;

public sealed class FlagUpkeepTests
{
    private readonly MemoryFlags _flags = new();
    private readonly RecordingShop _shop = new();
    private readonly StepClock _clock = new();
    private readonly Records _records = new();

    public FlagUpkeepTests() => _clock.Advance(TimeSpan.FromDays(21));

    private FlagUpkeep Upkeep(int expireDays = 30) => new(
        _flags,
        new FlagDesk(_flags, _shop, new NoRadarLists(), _clock, NullLogger<FlagDesk>.Instance),
        _records.Store,
        Options.Create(new FlagOptions { ExpireProposedAfterDays = expireDays }),
        _clock,
        NullLogger<FlagUpkeep>.Instance);

    /// <summary>Disputes created on day 20 (<see cref="DisputeBuilder"/>), flagged on day 21.</summary>
    private async Task<AccountFlag> Flag(string state = FlagStates.Proposed, params string[] disputes)
    {
        var flag = new AccountFlag
        {
            CustomerId = "C1",
            State = state,
            Severity = "suspend",
            SuggestedAction = "suspend",
            Action = state == FlagStates.Confirmed ? "suspend" : null,
            Disputes = [.. (disputes.Length == 0 ? ["dp_1"] : disputes).Select(id => new FlaggedDispute(id, "product_not_received", 4990, "eur", "suspend", "no contact"))],
            CreatedAt = T.Day(21),
            UpdatedAt = T.Day(21),
        };
        await _flags.SaveAsync(flag, T.Ct);
        return flag;
    }

    private static Dispute Listed(string id, string status, int submissions = 0) =>
        new DisputeBuilder().Build() with { Id = id, Status = status, SubmissionCount = submissions };

    private AccountFlag Latest => _flags.Flags["C1"];

    [Theory]
    [InlineData("won", 0, true)]
    [InlineData("warning_closed", 0, true)]
    [InlineData("won", 1, false)]
    [InlineData("lost", 0, false)]
    [InlineData("needs_response", 0, false)]
    [InlineData("under_review", 0, false)]
    public void IsWithdrawn_ClosedForTheSellerWithNoEvidenceSent_Only(string status, int submissions, bool withdrawn) =>
        FlagUpkeep.IsWithdrawn(Listed("dp_1", status, submissions)).ShouldBe(withdrawn);

    [Fact]
    public async Task Run_ProposedFlagsDisputeWithdrawn_LiftedAutomaticallyWithNote_ShopNotCalled()
    {
        await Flag();

        var result = await Upkeep().RunAsync([Listed("dp_1", "won")], T.Ct);

        result.Lifted.ShouldBe(1);
        Latest.State.ShouldBe(FlagStates.Lifted);
        Latest.Disputes.ShouldAllBe(d => d.Withdrawn);
        Latest.History[^1].ByPerson.ShouldBeFalse();
        Latest.History[^1].Why.ShouldContain("withdrawn by the customer");
        _shop.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_ConfirmedFlagWithdrawn_ShopAskedToRestoreThenLifted()
    {
        await Flag(FlagStates.Confirmed);

        await Upkeep().RunAsync([Listed("dp_1", "warning_closed")], T.Ct);

        _shop.Calls.Select(c => c.Action).ShouldBe(["restore"]);
        Latest.State.ShouldBe(FlagStates.Lifted);
        Latest.ShopCalls.Single().Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Run_ShopRefusesRestore_FlagStaysConfirmed_NextRunAsksAgainWithTheSameKey()
    {
        await Flag(FlagStates.Confirmed);
        _shop.Answers.Enqueue(false);

        var first = await Upkeep().RunAsync([Listed("dp_1", "won")], T.Ct);
        Latest.State.ShouldBe(FlagStates.Confirmed);
        var second = await Upkeep().RunAsync([Listed("dp_1", "won")], T.Ct);

        first.LiftsRefused.ShouldBe(1);
        second.Lifted.ShouldBe(1);
        Latest.State.ShouldBe(FlagStates.Lifted);
        _shop.Calls.Select(c => c.IdempotencyKey).Distinct().Count().ShouldBe(1);
        _shop.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Run_OneOfTwoDisputesWithdrawn_NotedNotLifted_OnceOnly()
    {
        await Flag(FlagStates.Proposed, "dp_1", "dp_2");
        Dispute[] listed = [Listed("dp_1", "won"), Listed("dp_2", "needs_response")];

        await Upkeep().RunAsync(listed, T.Ct);
        await Upkeep().RunAsync(listed, T.Ct);

        Latest.State.ShouldBe(FlagStates.Proposed);
        Latest.Disputes.Select(d => d.Withdrawn).ShouldBe([true, false]);
        Latest.History.Count(h => h.Why.Contains("dp_1 was withdrawn", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Run_WonAfterEvidenceWasSubmitted_FlagUntouched()
    {
        var flag = await Flag();

        await Upkeep().RunAsync([Listed("dp_1", "won", submissions: 1)], T.Ct);

        Latest.ShouldBe(flag);
    }

    [Fact]
    public async Task Run_CustomerWritesInAfterDisputing_NotedOnce_WithTheMessage()
    {
        await Flag();
        _records.Message("m-before", "inbound", T.Day(19), body: "Where is my order?")
            .Message("m-out", "outbound", T.Day(20.5), body: "We are sorry")
            .Message("m-after", "inbound", T.Day(20.8), body: "I opened a dispute by mistake, please help");

        var first = await Upkeep().RunAsync([Listed("dp_1", "needs_response")], T.Ct);
        var second = await Upkeep().RunAsync([Listed("dp_1", "needs_response")], T.Ct);

        first.WroteIn.ShouldBe(1);
        second.WroteIn.ShouldBe(0);
        Latest.WroteInAt.ShouldBe(T.Day(20.8));
        var notes = Latest.History.Where(h => h.Why.Contains("wrote to support", StringComparison.Ordinal)).ToList();
        notes.Count.ShouldBe(1);
        notes[0].Why.ShouldContain("1 message(s)");
        notes[0].Why.ShouldContain("I opened a dispute by mistake");
        Latest.State.ShouldBe(FlagStates.Proposed);
    }

    [Fact]
    public async Task Run_AnotherMessageLater_NotedAgain()
    {
        await Flag();
        _records.Message("m-1", "inbound", T.Day(20.8));
        await Upkeep().RunAsync([Listed("dp_1", "needs_response")], T.Ct);
        _records.Message("m-2", "inbound", T.Day(21.5), body: "Still waiting");
        _clock.Advance(TimeSpan.FromDays(1));

        (await Upkeep().RunAsync([Listed("dp_1", "needs_response")], T.Ct)).WroteIn.ShouldBe(1);

        Latest.WroteInAt.ShouldBe(T.Day(21.5));
        Latest.History.Count(h => h.Why.Contains("wrote to support", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task Run_OnlyMessagesBeforeTheDisputeOrOutbound_NothingNoted()
    {
        var flag = await Flag();
        _records.Message("m-before", "inbound", T.Day(19.9)).Message("m-out", "outbound", T.Day(20.9));

        (await Upkeep().RunAsync([Listed("dp_1", "needs_response")], T.Ct)).WroteIn.ShouldBe(0);

        Latest.ShouldBe(flag);
    }

    [Theory]
    [InlineData(29.9, FlagStates.Proposed)]
    [InlineData(30, FlagStates.Expired)]
    public async Task Run_ProposalUndecided_ExpiresAtTheConfiguredAge(double daysOld, string state)
    {
        await Flag();
        _clock.Advance(TimeSpan.FromDays(daysOld));

        await Upkeep().RunAsync([], T.Ct);

        Latest.State.ShouldBe(state);
    }

    [Fact]
    public async Task Run_ConfirmedFlagOrExpiryOff_NeverExpires()
    {
        await Flag(FlagStates.Confirmed);
        _clock.Advance(TimeSpan.FromDays(400));

        (await Upkeep().RunAsync([], T.Ct)).Expired.ShouldBe(0);
        Latest.State.ShouldBe(FlagStates.Confirmed);
    }

    [Fact]
    public async Task Run_ExpiryZero_ProposalKept()
    {
        await Flag();
        _clock.Advance(TimeSpan.FromDays(400));

        (await Upkeep(expireDays: 0).RunAsync([], T.Ct)).Expired.ShouldBe(0);
        Latest.State.ShouldBe(FlagStates.Proposed);
    }
}
