using DisputeKit.Core.Accounts;
using DisputeKit.Core.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace DisputeKit.Core.Tests.Accounts;

public sealed class FlagDeskTests
{
    private readonly MemoryFlags _flags = new();
    private readonly RecordingShop _shop = new();
    private readonly StepClock _clock = new();

    private readonly RecordingRadar _radar = new();

    private FlagDesk Desk => new(_flags, _shop, _radar, _clock, NullLogger<FlagDesk>.Instance);

    private async Task<AccountFlag> Open(string customer, string severity = "suspend", string reason = "product_not_received")
    {
        var flag = new AccountFlag
        {
            Id = AccountFlag.NewId(customer, T.Zero),
            CustomerId = customer,
            State = FlagStates.Proposed,
            Severity = severity,
            SuggestedAction = severity == "review" ? "person_review" : severity,
            Disputes = [new FlaggedDispute("dp_1", reason, 4990, "eur", severity, "no contact before the dispute")],
            CreatedAt = T.Zero,
            UpdatedAt = T.Zero,
        };
        await _flags.SaveAsync(flag, T.Ct);
        return flag;
    }

    [Fact]
    public async Task Confirm_ByAPerson_ShopAskedOnce_FlagConfirmedWithWhoWhenWhy()
    {
        var flag = await Open("C1");
        _clock.Advance(TimeSpan.FromHours(3));

        var outcome = await Desk.ConfirmAsync("C1", "limit", FlagActor.Person("ana"), "disputed without writing to us", T.Ct);

        outcome.Kind.ShouldBe(FlagOutcomeKind.Done, outcome.Message);
        var saved = (await _flags.GetOpenAsync("C1", T.Ct))!;
        saved.State.ShouldBe(FlagStates.Confirmed);
        saved.Action.ShouldBe("limit");
        saved.History.ShouldBe([new FlagEvent(T.Hour(3), "proposed", "confirmed", "ana", true, "disputed without writing to us")]);
        var call = _shop.Calls.ShouldHaveSingleItem();
        (call.Action, call.CustomerId, call.FlagId, call.By, call.IdempotencyKey).ShouldBe(("limit", "C1", flag.Id, "ana", $"dk-flag-{flag.Id}-limit"));
        saved.ShopCalls.ShouldHaveSingleItem().ShouldBe(new ShopCall(T.Hour(3), "limit", "test shop", $"dk-flag-{flag.Id}-limit", true, "HTTP 200: done"));
    }

    [Fact]
    public async Task Confirm_CardTheftClaim_NeverByAnAutomaticPath_OnlyByAPerson()
    {
        await Open("C2", severity: "review", reason: "fraudulent");

        var automatic = await Desk.ConfirmAsync("C2", "suspend", FlagActor.DisputeKit, "no contact", T.Ct);
        var person = await Desk.ConfirmAsync("C2", "suspend", FlagActor.Person("ana"), "checked the login history", T.Ct);

        automatic.Kind.ShouldBe(FlagOutcomeKind.Refused);
        automatic.Message.ShouldContain("only a person may confirm it");
        person.Kind.ShouldBe(FlagOutcomeKind.Done);
        _shop.Calls.Count.ShouldBe(1, "the refused automatic path never reached the shop");
        person.Flag!.History.ShouldHaveSingleItem().ByPerson.ShouldBeTrue();
    }

    [Fact]
    public async Task Confirm_AnAutomaticPath_MayConfirmAnOrdinaryFlag()
    {
        await Open("C3", severity: "suspend");

        var outcome = await Desk.ConfirmAsync("C3", "suspend", FlagActor.DisputeKit, "policy §6", T.Ct);

        outcome.Kind.ShouldBe(FlagOutcomeKind.Done);
        outcome.Flag!.History.Single().ShouldBe(new FlagEvent(T.Zero, "proposed", "confirmed", "disputekit", false, "policy §6"));
    }

    [Fact]
    public async Task Confirm_ShopFails_FlagStaysProposed_AnswerKept_TryingAgainIsTheSameRequest()
    {
        await Open("C4");
        _shop.Answers.Enqueue(false);

        var failed = await Desk.ConfirmAsync("C4", "suspend", FlagActor.Person("ana"), "no contact", T.Ct);
        var again = await Desk.ConfirmAsync("C4", "suspend", FlagActor.Person("ana"), "no contact", T.Ct);

        failed.Kind.ShouldBe(FlagOutcomeKind.ShopFailed);
        failed.Message.ShouldContain("HTTP 503: try later");
        failed.Flag!.State.ShouldBe(FlagStates.Proposed);
        failed.Flag.History.Single().Why.ShouldContain("the shop did not suspend the account");
        again.Kind.ShouldBe(FlagOutcomeKind.Done);
        _shop.Calls.Select(c => c.IdempotencyKey).Distinct().ShouldHaveSingleItem();
        again.Flag!.ShopCalls.Select(c => c.Succeeded).ShouldBe([false, true]);
    }

    [Fact]
    public async Task Lift_Confirmed_UndoneInTheShopFirst_ProposedNeedsNoShop()
    {
        await Open("C5");
        await Open("C6");
        await Desk.ConfirmAsync("C5", "suspend", FlagActor.Person("ana"), "no contact", T.Ct);

        var confirmed = await Desk.LiftAsync("C5", FlagActor.Person("bob"), "customer wrote in and withdrew", T.Ct);
        var proposed = await Desk.LiftAsync("C6", FlagActor.Person("bob"), "a mistake", T.Ct);

        confirmed.Flag!.State.ShouldBe(FlagStates.Lifted);
        proposed.Flag!.State.ShouldBe(FlagStates.Lifted);
        _shop.Calls.Select(c => (c.CustomerId, c.Action)).ShouldBe([("C5", "suspend"), ("C5", "restore")]);
        (await _flags.GetOpenAsync("C5", T.Ct)).ShouldBeNull();
        confirmed.Flag.History.Select(h => h.To).ShouldBe(["confirmed", "lifted"]);
    }

    [Fact]
    public async Task Actions_NoOpenFlag_BadAction_NoReason_AlreadyConfirmed_SayWhatIsWrong()
    {
        await Open("C7");

        (await Desk.ConfirmAsync("C404", "suspend", FlagActor.Person("ana"), "x", T.Ct)).Kind.ShouldBe(FlagOutcomeKind.NotFound);
        (await Desk.ConfirmAsync("C7", "delete", FlagActor.Person("ana"), "x", T.Ct)).Message.ShouldContain("suspend or limit, not 'delete'");
        (await Desk.LiftAsync("C7", FlagActor.Person("ana"), " ", T.Ct)).Kind.ShouldBe(FlagOutcomeKind.Invalid);
        (await Desk.NoteAsync("C7", FlagActor.Person("ana"), "called the customer", T.Ct)).Flag!.History.Single().Why.ShouldBe("called the customer");
        await Desk.ConfirmAsync("C7", "suspend", FlagActor.Person("ana"), "x", T.Ct);
        (await Desk.ConfirmAsync("C7", "limit", FlagActor.Person("bob"), "y", T.Ct)).Kind.ShouldBe(FlagOutcomeKind.Refused);
        Should.Throw<ArgumentException>(() => FlagActor.Person("  "));
        _shop.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Confirm_ShopSaysYes_CustomerBlockedOnRadar_ItemsKeptOnTheFlag()
    {
        _radar.Lists = true;
        await Open("C1");

        var outcome = await Desk.ConfirmAsync("C1", "suspend", FlagActor.Person("ana"), "no contact", T.Ct);

        outcome.Kind.ShouldBe(FlagOutcomeKind.Done);
        _radar.Log.ShouldBe(["block C1"]);
        outcome.Flag!.RadarItems.Select(i => i.ItemId).ShouldBe(["rsli_email_C1"]);
        outcome.Flag.ShopCalls.Select(c => c.Action).ShouldBe(["suspend", "block email"]);
    }

    [Fact]
    public async Task Confirm_ShopSaysNo_NothingBlockedOnRadar()
    {
        _radar.Lists = true;
        await Open("C1");
        _shop.Answers.Enqueue(false);

        (await Desk.ConfirmAsync("C1", "suspend", FlagActor.Person("ana"), "no contact", T.Ct)).Kind.ShouldBe(FlagOutcomeKind.ShopFailed);

        _radar.Log.ShouldBeEmpty();
        _flags.Flags["C1"].RadarItems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Lift_Confirmed_RadarUnblockedBeforeTheShopRestores()
    {
        _radar.Lists = true;
        await Open("C1");
        await Desk.ConfirmAsync("C1", "suspend", FlagActor.Person("ana"), "no contact", T.Ct);

        var lifted = await Desk.LiftAsync("C1", FlagActor.Person("bob"), "wrote in", T.Ct);

        lifted.Kind.ShouldBe(FlagOutcomeKind.Done);
        _radar.Log.ShouldBe(["block C1", "unblock rsli_email_C1"]);
        _shop.Calls.Select(c => c.Action).ShouldBe(["suspend", "restore"]);
        lifted.Flag!.RadarItems.ShouldBeEmpty();
        lifted.Flag.ShopCalls.Select(c => c.Action).ShouldBe(["suspend", "block email", "unblock email", "restore"]);
    }

    [Fact]
    public async Task Lift_RadarRefusesTheUnblock_StaysConfirmed_ShopNotAsked_ItemKept()
    {
        _radar.Lists = true;
        await Open("C1");
        await Desk.ConfirmAsync("C1", "suspend", FlagActor.Person("ana"), "no contact", T.Ct);
        _radar.FailUnblock = true;

        var lifted = await Desk.LiftAsync("C1", FlagActor.Person("bob"), "wrote in", T.Ct);

        lifted.Kind.ShouldBe(FlagOutcomeKind.ShopFailed);
        lifted.Message.ShouldContain("Stripe Radar did not remove the block");
        lifted.Flag!.State.ShouldBe(FlagStates.Confirmed);
        lifted.Flag.RadarItems.Count.ShouldBe(1);
        _shop.Calls.Select(c => c.Action).ShouldBe(["suspend"]);
    }

    [Fact]
    public async Task Lift_ShopRefusesAfterTheUnblock_ItemsGone_NextLiftOnlyAsksTheShop()
    {
        _radar.Lists = true;
        await Open("C1");
        await Desk.ConfirmAsync("C1", "suspend", FlagActor.Person("ana"), "no contact", T.Ct);
        _shop.Answers.Enqueue(false);

        (await Desk.LiftAsync("C1", FlagActor.Person("bob"), "wrote in", T.Ct)).Kind.ShouldBe(FlagOutcomeKind.ShopFailed);
        _flags.Flags["C1"].RadarItems.ShouldBeEmpty();
        (await Desk.LiftAsync("C1", FlagActor.Person("bob"), "wrote in", T.Ct)).Kind.ShouldBe(FlagOutcomeKind.Done);

        _radar.Log.ShouldBe(["block C1", "unblock rsli_email_C1"]);
        _shop.Calls.Select(c => c.Action).ShouldBe(["suspend", "restore", "restore"]);
    }

    /// <summary>Radar lists holding one email item per customer; unblocking can be made to fail.</summary>
    private sealed class RecordingRadar : IRadarLists
    {
        public List<string> Log { get; } = [];

        public bool FailUnblock { get; set; }

        /// <summary>Off: no lists configured, nothing blocked.</summary>
        public bool Lists { get; set; }

        public Task<IReadOnlyList<RadarChange>> BlockAsync(AccountFlag flag, CancellationToken cancellationToken)
        {
            if (!Lists)
            {
                return Task.FromResult<IReadOnlyList<RadarChange>>([]);
            }

            Log.Add($"block {flag.CustomerId}");
            var item = new RadarItem("rsl_emails", "email", flag.CustomerId.ToLowerInvariant() + "@example.test", $"rsli_email_{flag.CustomerId}");
            return Task.FromResult<IReadOnlyList<RadarChange>>(
                [new RadarChange(new ShopCall(T.Zero, "block email", "stripe radar rsl_emails", "k", true, "added"), item)]);
        }

        public Task<IReadOnlyList<RadarChange>> UnblockAsync(AccountFlag flag, CancellationToken cancellationToken)
        {
            if (!FailUnblock)
            {
                Log.AddRange(flag.RadarItems.Select(i => $"unblock {i.ItemId}"));
            }

            return Task.FromResult<IReadOnlyList<RadarChange>>([.. flag.RadarItems.Select(i =>
                new RadarChange(new ShopCall(T.Zero, "unblock email", "stripe radar rsl_emails", "k", !FailUnblock, FailUnblock ? "HTTP 500" : "removed"), i))]);
        }

        public Task<RadarChange?> BlockCardAsync(string fingerprint, string idempotencyKey, CancellationToken cancellationToken) =>
            Task.FromResult<RadarChange?>(null);
    }
}
