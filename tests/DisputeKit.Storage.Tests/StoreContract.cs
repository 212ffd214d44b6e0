using System.Text.Json;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.Core.Sweeps;
using Shouldly;

namespace DisputeKit.Storage.Tests;

/// <summary>What every store (files, PostgreSQL) must do: the same cases run against each.</summary>
public abstract class StoreContract
{
    protected static readonly DateTimeOffset At = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract ICaseStore Cases { get; }

    protected abstract IFlagStore Flags { get; }

    protected abstract ISweepLog Sweeps { get; }

    protected abstract DisputeKit.Core.Support.ISupportStore Support { get; }

    protected abstract DisputeKit.Core.Events.IEventStore Events { get; }

    protected abstract DisputeKit.Core.Warnings.IWarningStore Warnings { get; }

    private static DisputeKit.Core.Warnings.WarningCase Warning(string id, int minute) => new DisputeKit.Core.Warnings.WarningCase
    {
        Id = id,
        ChargeId = "ch_" + id,
        FraudType = "made_with_stolen_card",
        WarnedAt = At.AddMinutes(minute),
        FirstSeenAt = At.AddMinutes(minute).AddTicks(4560),
        Amount = 1_000,
        Currency = "eur",
        State = DisputeKit.Core.Warnings.WarningState.Proposed,
        OrderIds = ["VL-1"],
        Decision = new DisputeKit.Core.Warnings.WarningDecision
        {
            Action = DisputeKit.Core.Warnings.WarningAction.Refund,
            Summary = "Refund 10.00 EUR.",
            Reasons = ["a", "b"],
            RefundCost = 1_000,
            WaitCost = 2_400,
            WinChance = 0.125,
            DecidedAt = At.AddMinutes(minute),
        },
    }.To(DisputeKit.Core.Warnings.WarningState.Proposed, "disputekit", "Refund 10.00 EUR.", At.AddMinutes(minute));

    [Fact]
    public async Task Warnings_SavedThenRead_SameRecord_ListedNewestFirst_ClaimHeldUntilReleased()
    {
        (await Warnings.GetAsync("issfr_none", Ct)).ShouldBeNull();
        var first = Warning("issfr_a", 1);
        var refunding = first with
        {
            Refund = new DisputeKit.Core.Warnings.WarningRefund
            {
                Key = new CaseKey("dk-efw-issfr_a-refund", 1, At.AddMinutes(2), Spent: true),
                Amount = 1_000,
                Currency = "eur",
                RequestedAt = At.AddMinutes(2),
                RequestedBy = "anna",
                Attempts = 2,
            },
        };
        await Warnings.SaveAsync(first, Ct);
        await Warnings.SaveAsync(Warning("issfr_b", 3), Ct);
        await Warnings.SaveAsync(refunding.To(DisputeKit.Core.Warnings.WarningState.Refunding, "anna", "sending", At.AddMinutes(2)), Ct);

        var kept = (await Warnings.GetAsync("issfr_a", Ct)).ShouldNotBeNull();
        Json(kept).ShouldBe(Json(refunding.To(DisputeKit.Core.Warnings.WarningState.Refunding, "anna", "sending", At.AddMinutes(2))));
        (await Warnings.ListAsync(Ct)).Select(w => w.Id).ShouldBe(["issfr_b", "issfr_a"]);

        var claim = (await Warnings.TryClaimAsync("issfr_a", Ct)).ShouldNotBeNull();
        (await Warnings.TryClaimAsync("issfr_a", Ct)).ShouldBeNull();
        await using (var other = await Warnings.TryClaimAsync("issfr_b", Ct))
        {
            other.ShouldNotBeNull();
        }

        await claim.DisposeAsync();
        await using var again = await Warnings.TryClaimAsync("issfr_a", Ct);
        again.ShouldNotBeNull();
    }

    private static DisputeKit.Core.Events.StripeEvent Event(string id, int minute, string type = "charge.dispute.created") => new()
    {
        Id = id,
        Type = type,
        Created = At.AddMinutes(minute),
        ObjectId = "dp_" + id,
        Source = "webhook",
        ReceivedAt = At.AddMinutes(minute).AddTicks(1230),
    };

    [Fact]
    public async Task Events_KeptOnce_PendingOldestFirst_WorkedOnesLeaveThePending_LatestCreatedIsTheCursor()
    {
        (await Events.LatestCreatedAsync(Ct)).ShouldBeNull();
        (await Events.RecordAsync(Event("evt_b", 2), Ct)).ShouldBeTrue();
        (await Events.RecordAsync(Event("evt_a", 1, "charge.dispute.updated"), Ct)).ShouldBeTrue();
        (await Events.RecordAsync(Event("evt_c", 3), Ct)).ShouldBeTrue();

        // A redelivery (or the same event caught up later) changes nothing.
        (await Events.RecordAsync(Event("evt_b", 2) with { Source = "catch_up", ReceivedAt = At.AddDays(1) }, Ct)).ShouldBeFalse();
        (await Events.GetAsync("evt_b", Ct)).ShouldNotBeNull().Source.ShouldBe("webhook");

        (await Events.PendingAsync(Ct)).Select(e => e.Id).ShouldBe(["evt_a", "evt_b", "evt_c"]);
        await Events.MarkWorkedAsync("evt_a", "case staged", At.AddMinutes(5), Ct);
        (await Events.PendingAsync(Ct)).Select(e => e.Id).ShouldBe(["evt_b", "evt_c"]);
        var worked = (await Events.GetAsync("evt_a", Ct)).ShouldNotBeNull();
        Json(worked).ShouldBe(Json(Event("evt_a", 1, "charge.dispute.updated") with { WorkedAt = At.AddMinutes(5), Result = "case staged" }));
        (await Events.LatestCreatedAsync(Ct)).ShouldBe(At.AddMinutes(3));
        (await Events.GetAsync("evt_none", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Events_TheSameEventFromManyAtOnce_KeptExactlyOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Events.RecordAsync(Event("evt_race", 1), Ct))));

        results.Count(kept => kept).ShouldBe(1);
        (await Events.PendingAsync(Ct)).Count(e => e.Id == "evt_race").ShouldBe(1);
    }

    /// <summary>Makes the stored record of the case unreadable, as a bad disk or a bad hand edit would.</summary>
    protected abstract Task CorruptAsync(string disputeId);

    protected static DisputeCase Case(string id, CaseState state = CaseState.Discovered) => new()
    {
        DisputeId = id,
        State = state,
        Reason = "fraudulent",
        Status = "needs_response",
        Amount = 12_345,
        Currency = "eur",
        DueBy = At.AddDays(7).AddTicks(1234567),
        CustomerId = "C1",
        Note = "Ünïcødé ✓ 中文 <script>",
        Audit = [new AuditEntry(At.AddTicks(1), CaseState.Discovered, "listed on Stripe")],
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, DisputeKitJson.Options);

    [Fact]
    public async Task Get_Unknown_Null()
    {
        (await Cases.GetAsync("dp_none", Ct)).ShouldBeNull();
        (await Cases.ReadPackAsync("dp_none", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Save_ThenGet_SameRecordToTheTick()
    {
        var saved = Case("dp_roundtrip");
        await Cases.SaveAsync(saved, Ct);

        var read = await Cases.GetAsync("dp_roundtrip", Ct);

        Json(read).ShouldBe(Json(saved));
    }

    [Fact]
    public async Task Save_Transitions_AuditTrailInOrderWithTimesAndCauses()
    {
        var c = Case("dp_trail");
        await Cases.SaveAsync(c, Ct);
        c = c.MoveTo(CaseState.Gathered, "records gathered", At.AddMinutes(1)).MoveTo(CaseState.Decided, "verdict Fight", At.AddMinutes(1));
        await Cases.SaveAsync(c, Ct);
        c = c.Record("Stripe status is now under_review", At.AddMinutes(2)).MoveTo(CaseState.SetAside, "verdict Accept", At.AddMinutes(3), "a person decides");
        await Cases.SaveAsync(c, Ct);

        var read = (await Cases.GetAsync("dp_trail", Ct))!;

        read.State.ShouldBe(CaseState.SetAside);
        read.Note.ShouldBe("a person decides");
        read.Audit.Select(a => (a.From, a.To, a.Cause)).ShouldBe(
        [
            (null, CaseState.Discovered, "listed on Stripe"),
            (CaseState.Discovered, CaseState.Gathered, "records gathered"),
            (CaseState.Gathered, CaseState.Decided, "verdict Fight"),
            (CaseState.Decided, CaseState.Decided, "Stripe status is now under_review"),
            (CaseState.Decided, CaseState.SetAside, "verdict Accept"),
        ]);
        read.Audit[^1].At.ShouldBe(At.AddMinutes(3));
    }

    [Fact]
    public async Task List_EveryCaseById_CorruptOneListedAsUnreadable_GetNamesIt()
    {
        foreach (var id in new[] { "dp_c", "dp_a", "dp_b" })
        {
            await Cases.SaveAsync(Case(id), Ct);
        }

        var all = await Cases.ListAsync(Ct);
        all.Cases.Select(c => c.DisputeId).ShouldBe(["dp_a", "dp_b", "dp_c"]);
        all.Unreadable.ShouldBeEmpty();

        await CorruptAsync("dp_b");

        var listed = await Cases.ListAsync(Ct);
        listed.Cases.Select(c => c.DisputeId).ShouldBe(["dp_a", "dp_c"]);
        listed.Unreadable.ShouldHaveSingleItem().DisputeId.ShouldBe("dp_b");
        listed.Unreadable[0].Problem.ShouldContain("not a valid case record");
        var scanned = new List<StoredCase>();
        await foreach (var stored in Cases.ScanAsync(Ct))
        {
            scanned.Add(stored);
        }

        scanned.Select(s => (s.DisputeId, s.Case is null)).ShouldBe([("dp_a", false), ("dp_b", true), ("dp_c", false)]);
        var error = await Should.ThrowAsync<InvalidDataException>(() => Cases.GetAsync("dp_b", Ct));
        error.Message.ShouldContain("dp_b");
    }

    [Fact]
    public async Task Rows_EachCaseAsItsRow_FollowTheLatestSave_CorruptOneNamed()
    {
        var decided = Case("dp_r2", CaseState.SetAside) with
        {
            Verdict = new CaseVerdict { Kind = "review", Summary = "a person decides", Facts = ["f"], Rules = ["r"] },
            Economics = new DisputeKit.Core.Economics.CaseEconomics
            {
                Currency = "eur", AtStake = 12_345, DisputeFee = 1_500, CounterFee = 0, WinChance = 0.4321, ExpectedGain = 4_567, EvidenceStrength = 0.7, Basis = "test",
            },
            OnHold = true,
            OrderId = "ORD-7",
            Compliance = "visa_compliance",
            Outcome = new DisputeOutcome { Status = "lost", RecordedAt = At, Fought = true },
        };
        await Cases.SaveAsync(Case("dp_r1"), Ct);
        await Cases.SaveAsync(decided, Ct);
        await Cases.SaveAsync(Case("dp_r3", CaseState.Staged) with { DueBy = null, CustomerId = null }, Ct);

        var rows = await Cases.RowsAsync(Ct);
        rows.Rows.OrderBy(r => r.DisputeId, StringComparer.Ordinal).ShouldBe(
            [CaseRow.Of(Case("dp_r1")), CaseRow.Of(decided), CaseRow.Of(Case("dp_r3", CaseState.Staged) with { DueBy = null, CustomerId = null })]);
        rows.Unreadable.ShouldBeEmpty();

        // A save is seen on the next read (the file store keeps rows of files unchanged since), a corrupt case named.
        var moved = decided.MoveTo(CaseState.Accepted, "accepted by ana (finance)", At.AddHours(1)) with { OnHold = false };
        await Cases.SaveAsync(moved, Ct);
        await CorruptAsync("dp_r1");
        rows = await Cases.RowsAsync(Ct);
        rows.Rows.OrderBy(r => r.DisputeId, StringComparer.Ordinal).Select(r => (r.DisputeId, r.State, r.OnHold))
            .ShouldBe([("dp_r2", CaseState.Accepted, false), ("dp_r3", CaseState.Staged, false)]);
        rows.Unreadable.ShouldHaveSingleItem().DisputeId.ShouldBe("dp_r1");
        rows.Unreadable[0].Problem.ShouldContain("not a valid case record");
    }

    [Fact]
    public async Task SavePack_ThenRead_SameBytes_LocationReturned()
    {
        var pdf = new byte[300_000];
        Random.Shared.NextBytes(pdf);

        var where = await Cases.SavePackAsync("dp_pack", pdf, Ct);

        where.ShouldContain("dp_pack");
        (await Cases.ReadPackAsync("dp_pack", Ct)).ShouldBe(pdf);
        var again = pdf.Reverse().ToArray();
        await Cases.SavePackAsync("dp_pack", again, Ct);
        (await Cases.ReadPackAsync("dp_pack", Ct)).ShouldBe(again);
    }

    [Fact]
    public async Task TryClaim_HeldCase_NullUntilReleased_OtherCasesFree()
    {
        var first = await Cases.TryClaimAsync("dp_claim", Ct);
        first.ShouldNotBeNull();

        (await Cases.TryClaimAsync("dp_claim", Ct)).ShouldBeNull();
        await using (var other = await Cases.TryClaimAsync("dp_other", Ct))
        {
            other.ShouldNotBeNull();
        }

        await first.DisposeAsync();
        await using var second = await Cases.TryClaimAsync("dp_claim", Ct);
        second.ShouldNotBeNull();
    }

    [Fact]
    public async Task TryClaim_EightClaimersRacing_NeverTwoHoldersAtOnce_EveryCaseWorked()
    {
        var ids = Enumerable.Range(0, 40).Select(i => $"dp_race_{i:00}").ToArray();
        var holders = new int[ids.Length];
        var worked = new int[ids.Length];
        var overlaps = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            foreach (var i in Enumerable.Range(0, ids.Length).OrderBy(i => (i * 7 + w * 13) % ids.Length))
            {
                await using var claim = await Cases.TryClaimAsync(ids[i], Ct);
                if (claim is null)
                {
                    continue;
                }

                if (Interlocked.Increment(ref holders[i]) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                if (await Cases.GetAsync(ids[i], Ct) is null)
                {
                    await Task.Delay(2, Ct);
                    await Cases.SaveAsync(Case(ids[i]), Ct);
                    Interlocked.Increment(ref worked[i]);
                }

                Interlocked.Decrement(ref holders[i]);
            }
        }, Ct)));

        overlaps.ShouldBe(0);
        worked.ShouldAllBe(n => n == 1);
    }

    [Fact]
    public async Task Flags_OpenOnlyWhileProposedOrConfirmed_ListedByCustomer()
    {
        (await Flags.GetOpenAsync("C9", Ct)).ShouldBeNull();
        await Flags.SaveAsync(Flag("C9", "proposed", "dp_1"), Ct);
        await Flags.SaveAsync(Flag("C2", "lifted", "dp_2"), Ct);

        Json(await Flags.GetOpenAsync("C9", Ct)).ShouldBe(Json(Flag("C9", "proposed", "dp_1")));
        (await Flags.GetOpenAsync("C2", Ct)).ShouldBeNull();
        (await Flags.ListAsync(Ct)).Select(f => (f.CustomerId, f.State)).ShouldBe([("C2", "lifted"), ("C9", "proposed")]);
    }

    [Fact]
    public async Task Flags_ScanOpen_EachOpenFlagOnceByCustomer_WhileTheScanSavesFlags()
    {
        // More than one page of the PostgreSQL scan (200), a closed flag between, and a flag lifted before it is reached.
        var customers = Enumerable.Range(0, 450).Select(i => $"C{i:000}").ToList();
        foreach (var customer in customers)
        {
            await Flags.SaveAsync(Flag(customer, customer == "C123" ? "lifted" : "proposed", "dp_" + customer), Ct);
        }

        var seen = new List<string>();
        await foreach (var flag in Flags.ScanOpenAsync(Ct))
        {
            seen.Add(flag.CustomerId);

            // As the flag upkeep does: each flag is saved as it goes, and one further on is lifted.
            (await Flags.UpdateOpenAsync(flag.CustomerId, open => open!.Note(FlagActor.DisputeKit, "seen by the scan", At.AddHours(1)), Ct)).ShouldBeTrue();
            if (flag.CustomerId == "C010")
            {
                await Flags.UpdateOpenAsync("C300", open => open!.MoveTo(FlagStates.Lifted, FlagActor.Person("ana"), "customer wrote in", At.AddHours(1)), Ct);
            }
        }

        seen.ShouldBe(customers.Where(c => c is not ("C123" or "C300")));
    }

    [Fact]
    public async Task Flags_AccountFlaggedAgainAfterALift_BothKept_NewestFirst_OneOpen()
    {
        var lifted = Flag("C5", "proposed", "dp_1").MoveTo(FlagStates.Lifted, FlagActor.Person("ana"), "customer wrote in", At.AddDays(1));
        await Flags.SaveAsync(lifted, Ct);
        var again = Flag("C5", "proposed", "dp_2") with { Id = AccountFlag.NewId("C5", At.AddDays(10)), CreatedAt = At.AddDays(10) };

        (await Flags.UpdateOpenAsync("C5", open => open is null ? again : null, Ct)).ShouldBeTrue();

        var history = await Flags.HistoryAsync("C5", Ct);
        history.Select(f => (f.Id, f.State)).ShouldBe([(again.Id, "proposed"), (lifted.Id, "lifted")]);
        Json(history[1]).ShouldBe(Json(lifted));
        history[1].History.Single().ShouldBe(new FlagEvent(At.AddDays(1), "proposed", "lifted", "ana", true, "customer wrote in"));
        (await Flags.GetOpenAsync("C5", Ct))!.Id.ShouldBe(again.Id);
        (await Flags.ListAsync(Ct)).Count(f => f.CustomerId == "C5").ShouldBe(2);
        (await Flags.HistoryAsync("C404", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Flags_ASecondOpenFlagForACustomer_Refused_TheFirstKept()
    {
        var first = Flag("C6", "proposed", "dp_1");
        await Flags.SaveAsync(first, Ct);
        var second = Flag("C6", "proposed", "dp_2") with { Id = AccountFlag.NewId("C6", At.AddDays(3)), CreatedAt = At.AddDays(3) };

        await Should.ThrowAsync<Exception>(() => Flags.SaveAsync(second, Ct));

        Json(await Flags.GetOpenAsync("C6", Ct)).ShouldBe(Json(first));
        (await Flags.HistoryAsync("C6", Ct)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task UpdateOpen_TwentyWritersOneCustomer_NoDisputeLost()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Flags.UpdateOpenAsync("C7", open =>
        {
            var flagged = new FlaggedDispute($"dp_{i:00}", "fraudulent", 100, "eur", "suspend", "no contact");
            return open is null
                ? Flag("C7", "proposed", flagged.DisputeId)
                : open with { Disputes = [.. open.Disputes, flagged] };
        }, Ct), Ct)));

        var flag = (await Flags.GetOpenAsync("C7", Ct))!;
        flag.Disputes.Select(d => d.DisputeId).Order().ShouldBe(Enumerable.Range(0, 20).Select(i => $"dp_{i:00}"));
        (await Flags.UpdateOpenAsync("C7", _ => null, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task SweepLog_Latest_TheSweepThatStartedLast()
    {
        (await Sweeps.LatestAsync(Ct)).ShouldBeNull();
        await WriteSweepAsync(At.AddHours(2), SweepScope.New);
        await WriteSweepAsync(At, SweepScope.All);

        var latest = (await Sweeps.LatestAsync(Ct))!;

        latest.Scope.ShouldBe(SweepScope.New);
        latest.StartedAt.ShouldBe(At.AddHours(2));
        latest.Disputes.ShouldBe(2);
        latest.Failed.ShouldBe(1);
    }

    private static AccountFlag Flag(string customer, string state, string disputeId) => new()
    {
        CustomerId = customer,
        State = state,
        Severity = "suspend",
        SuggestedAction = "suspend",
        Disputes = [new FlaggedDispute(disputeId, "fraudulent", 100, "eur", "suspend", "no contact")],
        CreatedAt = At,
        UpdatedAt = At.AddTicks(5),
    };

    [Fact]
    public async Task SweepLog_OutcomesAddedFromSeveralTasks_EveryOneInTheSummary_AfterTheOutcomesTheHeadline()
    {
        var tally = new SweepTally();
        await using (var record = await Sweeps.BeginAsync(SweepScope.All, At, Ct))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, (i, _) =>
            {
                var outcome = new CaseOutcome
                {
                    DisputeId = $"dp_{i:0000}", Reason = "fraudulent", Amount = i, Currency = "eur",
                    State = i % 10 == 0 ? CaseState.Failed : CaseState.Staged, Changed = true, Note = "ünïcode «quoted» \"note\"",
                };
                record.Add(outcome);
                tally.Add(outcome);
                return ValueTask.CompletedTask;
            });
            (await SummariesAsync()).ShouldBeEmpty("nothing is a summary before the sweep finishes");
            await record.FinishAsync(tally.Result(SweepScope.All, At, At.AddMinutes(3)), Ct);
        }

        var summary = System.Text.Json.Nodes.JsonNode.Parse((await SummariesAsync()).ShouldHaveSingleItem())!;
        var outcomes = summary["outcomes"]!.AsArray();
        outcomes.Select(o => o!["dispute_id"]!.GetValue<string>()).Order(StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(0, 2_000).Select(i => $"dp_{i:0000}"));
        outcomes[0]!["note"]!.GetValue<string>().ShouldBe("ünïcode «quoted» \"note\"");
        summary["disputes"]!.GetValue<int>().ShouldBe(2_000);
        summary["failed"]!.GetValue<int>().ShouldBe(200);
        (await Sweeps.LatestAsync(Ct))!.Disputes.ShouldBe(2_000);
    }

    [Fact]
    public async Task SweepLog_ASweepThatStops_LeavesNoSummary()
    {
        await using (var record = await Sweeps.BeginAsync(SweepScope.All, At, Ct))
        {
            record.Add(SweepOutcomes().First());
        }

        (await SummariesAsync()).ShouldBeEmpty();
        (await Sweeps.LatestAsync(Ct)).ShouldBeNull();
    }

    private static DisputeKit.Core.Merchant.SupportMessage Mail(string id, string email, double hours, string? thread = null, string[]? orders = null, string body = "Hello") => new()
    {
        Id = id, SourceId = id, Source = "mailbox support@shop.example", Email = email, Channel = "email", Direction = "inbound",
        At = At.AddHours(hours), ThreadId = thread ?? id, OrderIds = orders, Body = body, Subject = "Re: order",
    };

    [Fact]
    public async Task SupportStore_PagesPositionsAndSyncs_RecordedPerSource()
    {
        const string mailbox = "mailbox support@shop.example";
        (await Support.StatesAsync(Ct)).ShouldBeEmpty();

        await Support.SavePageAsync(mailbox, [Mail("m1", "jane@mail.example", 1), Mail("m2", "joe@mail.example", 2)], "{\"INBOX\":1}", Ct);
        await Support.SavePageAsync(mailbox, [Mail("m2", "joe@mail.example", 2, body: "read again"), Mail("m3", "ann@mail.example", 3)], "{\"INBOX\":2}", Ct);
        var state = (await Support.StatesAsync(Ct)).ShouldHaveSingleItem();
        state.Source.ShouldBe(mailbox);
        state.Position.ShouldBe("{\"INBOX\":2}");
        (await Support.MessagesAsync(null, ["jane@mail.example", "joe@mail.example", "ann@mail.example"], [], Ct)).Select(m => (m.SourceId, m.Body))
            .ShouldBe([("m1", "Hello"), ("m2", "read again"), ("m3", "Hello")], "a message read again is held once, as last read");
        state.SyncedAt.ShouldBeNull("no sync has read it whole yet");

        await Support.RecordSyncAsync(mailbox, At.AddHours(4), null, Ct);
        await Support.RecordSyncAsync(mailbox, At.AddHours(5), "SocketException: connection refused", Ct);
        state = (await Support.StatesAsync(Ct)).Single();
        state.SyncedAt.ShouldBe(At.AddHours(4));
        state.FailedAt.ShouldBe(At.AddHours(5));
        state.Problem.ShouldBe("SocketException: connection refused");
        state.Position.ShouldBe("{\"INBOX\":2}");

        await Support.RecordSyncAsync(mailbox, At.AddHours(6), null, Ct);
        state = (await Support.StatesAsync(Ct)).Single();
        (state.SyncedAt, state.FailedAt, state.Problem).ShouldBe((At.AddHours(6), null, null));
    }

    [Fact]
    public async Task SupportStore_Messages_ByAddressOrOrder_WithTheirThreads_LatestOfEach_InTimeOrder()
    {
        const string mailbox = "mailbox support@shop.example";
        await Support.SavePageAsync(mailbox,
        [
            Mail("q1", "jane.doe@mail.example", 1, thread: "q1"),
            Mail("a1", "jane.doe@mail.example", 2, thread: "q1"),
            Mail("w1", "jane@work.example", 3, thread: "q1", body: "From my work address, in the same thread."),
            Mail("o1", "someone@else.example", 0.5, thread: "o1", orders: ["VL-200153"], body: "About VL-200153."),
            Mail("x1", "other@mail.example", 4, thread: "x1"),
        ], "p1", Ct);
        await Support.SavePageAsync(mailbox, [Mail("a1", "jane.doe@mail.example", 2, thread: "q1", body: "The answer, read again.")], "p2", Ct);

        var found = await Support.MessagesAsync(null, ["Jane.Doe@Mail.Example"], ["VL-200153"], Ct);

        found.Select(m => m.SourceId).ShouldBe(["o1", "q1", "a1", "w1"]);
        found.Single(m => m.SourceId == "a1").Body.ShouldBe("The answer, read again.");
        found[0].OrderIds.ShouldBe(["VL-200153"]);
        found[0].Source.ShouldBe(mailbox);
        (await Support.MessagesAsync(null, ["nobody@mail.example"], [], Ct)).ShouldBeEmpty();
        (await Support.MessagesAsync(null, [], [], Ct)).ShouldBeEmpty();

        // A helpdesk requester known by the shop's customer id, writing from an address the shop does not know.
        await Support.SavePageAsync("helpdesk shop.zendesk.com", [Mail("t1", "jd@elsewhere.example", 5, thread: "ticket 1") with { CustomerId = "C100161", Source = "helpdesk shop.zendesk.com", Channel = "ticket" }], "c1", Ct);
        (await Support.MessagesAsync("C100161", [], [], Ct)).Select(m => m.SourceId).ShouldBe(["t1"]);
        (await Support.MessagesAsync("C100161", ["jane.doe@mail.example"], [], Ct)).Select(m => m.SourceId).ShouldBe(["q1", "a1", "w1", "t1"]);
    }

    /// <summary>Every sweep summary the store holds, as written JSON.</summary>
    protected abstract Task<IReadOnlyList<string>> SummariesAsync();

    private async Task WriteSweepAsync(DateTimeOffset started, SweepScope scope)
    {
        var tally = new SweepTally();
        await using var record = await Sweeps.BeginAsync(scope, started, Ct);
        foreach (var outcome in SweepOutcomes())
        {
            record.Add(outcome);
            tally.Add(outcome);
        }

        await record.FinishAsync(tally.Result(scope, started, started.AddMinutes(1)), Ct);
    }

    private static IEnumerable<CaseOutcome> SweepOutcomes() =>
    [
        new CaseOutcome { DisputeId = "dp_1", Reason = "fraudulent", Amount = 1, Currency = "eur", State = CaseState.Staged, Changed = true },
        new CaseOutcome { DisputeId = "dp_2", Reason = "fraudulent", Amount = 1, Currency = "eur", State = CaseState.Failed, Changed = true },
    ];
}
