using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Reports;
using DisputeKit.Core.Warnings;
using Shouldly;

namespace DisputeKit.Core.Tests.Reports;

/// <summary>The outcome report over cases whose outcomes and money are known.</summary>
public sealed class OutcomeReportTests
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    private static DisputeCase Case(string id, DateTimeOffset opened, string reason, string? outcome, bool fought, bool contacted, string verdict,
        long amount = 10_000, string currency = "eur", string order = "O1")
    {
        var ledger = new List<DisputeMoney> { new($"txn_{id}_w", -amount, 1_500, currency, opened.AddDays(1)) };
        if (outcome == DisputeStatus.Won)
        {
            ledger.Add(new DisputeMoney($"txn_{id}_r", amount, -1_500, currency, opened.AddDays(40)));
        }

        return new DisputeCase
        {
            DisputeId = id,
            State = fought ? CaseState.Submitted : CaseState.Accepted,
            Reason = reason,
            Status = outcome ?? DisputeStatus.NeedsResponse,
            Amount = amount,
            Currency = currency,
            DisputedAt = opened,
            ChargeId = "ch_" + id,
            OrderId = order,
            Verdict = new CaseVerdict { Kind = verdict, Summary = "s", Facts = [], Rules = [] },
            PriorContact = new CasePriorContact { ContactedAboutPurchase = contacted, ContactedAtAll = contacted, Statement = "s", MessageIds = [] },
            Outcome = outcome is null ? null : new DisputeOutcome { Status = outcome, RecordedAt = opened.AddDays(60), Fought = fought },
            Ledger = outcome is null ? [ledger[0]] : ledger,
            Audit = [new AuditEntry(opened, CaseState.Discovered, "listed on Stripe")],
        };
    }

    private static readonly DisputeCase[] Cases =
    [
        Case("dp_1", Jan, "fraudulent", DisputeStatus.Won, fought: true, contacted: false, "fight"),
        Case("dp_2", Jan.AddDays(3), "fraudulent", DisputeStatus.Lost, fought: true, contacted: false, "fight"),
        Case("dp_3", Jan.AddMonths(1), "product_not_received", DisputeStatus.Won, fought: true, contacted: true, "fight", order: "O2"),
        Case("dp_4", Jan.AddMonths(1), "product_not_received", DisputeStatus.Lost, fought: false, contacted: true, "accept", order: "O2"),
        Case("dp_5", Jan.AddMonths(2), "fraudulent", null, fought: false, contacted: false, "review", amount: 5_000, currency: "gbp"),
    ];

    private static readonly Dictionary<string, string> Kinds = new() { ["O1"] = "followers", ["O2"] = "likes" };

    private static readonly Dictionary<string, int> Orders = new() { ["2025-12"] = 300, ["2026-01"] = 400, ["2026-02"] = 500 };

    private static WarningCase Warning(string id, string charge, WarningState state) => new()
    {
        Id = id, ChargeId = charge, FraudType = "made_with_stolen_card", WarnedAt = Jan.AddDays(1), FirstSeenAt = Jan.AddDays(1),
        Amount = 2_000, Currency = "eur", State = state,
    };

    [Fact]
    public void Build_GroupsWinRateAndMoney_FromTheCasesOutcomesAndLedgers()
    {
        var report = OutcomeReports.Build(Cases, Kinds, Orders, [Warning("issfr_1", "ch_dp_1", WarningState.Refunded), Warning("issfr_2", "ch_other", WarningState.Refunded), Warning("issfr_3", "ch_x", WarningState.Watching)], null, null);

        var month = report.Tables.Single(t => t.Id == "month").Rows;
        month.Select(r => (r.Group, r.Currency, r.Disputes, r.Fought, r.Won)).ShouldBe(
            [("2026-01", "eur", 2, 2, 1), ("2026-02", "eur", 2, 1, 1), ("2026-03", "gbp", 1, 0, 0)]);
        month[0].WinRate.ShouldBe(0.5);
        month[1].WinRate.ShouldBe(1.0, "an accepted dispute lost without evidence is not fought");
        month[2].WinRate.ShouldBeNull();

        var total = report.Tables.Single(t => t.Id == "total").Rows;
        var eur = total.Single(r => r.Currency == "eur");
        (eur.Disputes, eur.Closed, eur.Disputed, eur.Withdrawn, eur.Recovered, eur.Fees).ShouldBe((4, 4, 40_000L, 40_000L, 20_000L, 2 * 1_500L));
        eur.Net.ShouldBe(20_000 - 40_000 - 3_000);
        total.Single(r => r.Currency == "gbp").Closed.ShouldBe(0);

        report.Tables.Single(t => t.Id == "reason").Rows.Select(r => (r.Group, r.Currency, r.Won)).ShouldBe(
            [("fraudulent", "eur", 1), ("fraudulent", "gbp", 0), ("product_not_received", "eur", 1)]);
        report.Tables.Single(t => t.Id == "service").Rows.Select(r => (r.Group, r.Disputes)).ShouldBe([("followers", 2), ("followers", 1), ("likes", 2)]);
        report.Tables.Single(t => t.Id == "prior_contact").Rows.Select(r => (r.Group, r.Currency, r.Fought, r.Won)).ShouldBe(
            [("no", "eur", 2, 1), ("no", "gbp", 0, 0), ("yes", "eur", 1, 1)]);
        report.Tables.Single(t => t.Id == "verdict").Rows.Select(r => r.Group).Distinct().ShouldBe(["fight", "accept", "review"]);

        report.Volume.ShouldBe([new MonthVolume("2025-12", 300, 0), new MonthVolume("2026-01", 400, 2), new MonthVolume("2026-02", 500, 2), new MonthVolume("2026-03", 0, 1)]);
        report.Volume[1].DisputeRate.ShouldBe(0.005);
        report.Volume[3].DisputeRate.ShouldBeNull();

        // Two refunded warnings, one of whose charges was disputed all the same.
        report.Warnings.Rows.ShouldHaveSingleItem().ShouldBe(new WarningRow("eur", 2, 4_000, 1, 2_000));
    }

    [Fact]
    public void Build_FromTo_CountsTheDisputesOpenedWithin_AndTheCsvCarriesTheSameNumbers()
    {
        var report = OutcomeReports.Build(Cases, Kinds, Orders, [], new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 28));

        report.Tables.Single(t => t.Id == "total").Rows.ShouldHaveSingleItem().Disputes.ShouldBe(2);
        var csv = OutcomeReports.Csv(report, "month");
        csv.ShouldBe("table,group,currency,disputes,closed,fought,won,win_rate,disputed,withdrawn,recovered,fees,net\r\nmonth,2026-02,eur,2,2,1,1,1,20000,20000,10000,1500,-11500\r\n");
        OutcomeReports.VolumeCsv(report).ShouldBe("month,orders,disputes,dispute_rate\r\n2026-02,500,2,0.004\r\n");
        OutcomeReports.Field("a,\"b\"").ShouldBe("\"a,\"\"b\"\"\"");
    }
}
