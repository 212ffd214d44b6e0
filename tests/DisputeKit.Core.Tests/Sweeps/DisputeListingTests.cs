using DisputeKit.Core.Disputes;
using DisputeKit.Core.Sweeps;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>A sweep's listing, spooled to scratch space and read back by deadline or by id.</summary>
public sealed class DisputeListingTests
{
    [Fact]
    public async Task Spool_EveryFieldReadsBackAsListed()
    {
        var full = new Dispute
        {
            Id = "dp_full",
            Amount = 12_345,
            Currency = "usd",
            ChargeId = "ch_full",
            PaymentIntentId = "pi_full",
            Reason = DisputeReason.Fraudulent,
            Status = DisputeStatus.UnderReview,
            Created = T.Day(3),
            DueBy = T.Day(17).AddHours(23).AddMinutes(59),
            HasEvidence = true,
            Evidence = new Dictionary<string, string> { ["customer_email_address"] = "jane.doe@example.test", ["uncategorized_file"] = "file_1", ["product_description"] = "Ünïcode «1,000 followers»\n\"quoted\"" },
            Appeal = new Dictionary<string, string> { ["explanation"] = "appeal text" },
            PastDue = true,
            Money = [new DisputeMoney("txn_1", -12_345, 1_500, "usd", T.Day(3)), new DisputeMoney("txn_2", 12_345, 0, "usd", T.Day(30))],
            SubmissionCount = 2,
            SubmissionMethod = "manual",
            IntendedSubmissionMethod = "prefer_manual",
            NetworkReasonCode = "10.4",
            CardBrand = "visa",
            CaseType = "chargeback",
            IsChargeRefundable = true,
            Livemode = true,
            EnhancedEligibilityTypes = ["visa_compelling_evidence_3", "visa_compliance"],
            Metadata = new Dictionary<string, string> { ["order_id"] = "ORD-1" },
            Charge = new ChargeDetails { Id = "ch_full", Amount = 12_345, Currency = "usd", Created = T.Day(1), CustomerId = "cus_1", BillingEmail = "jane.doe@example.test", Metadata = new Dictionary<string, string> { ["k"] = "v" }, AmountRefunded = 5, Disputed = true },
        };
        await using var listing = await DisputeListing.SpoolAsync(Listed(full, new DisputeBuilder().Build()), new MemoryStream(), T.Ct);

        var back = (await listing.FindAsync("dp_full", T.Ct)).ShouldNotBeNull();

        System.Text.Json.JsonSerializer.Serialize(back, DisputeKit.Core.Json.DisputeKitJson.Options)
            .ShouldBe(System.Text.Json.JsonSerializer.Serialize(full, DisputeKit.Core.Json.DisputeKitJson.Options));
        back.DueBy.ShouldBe(full.DueBy);
        back.Evidence["product_description"].ShouldBe("Ünïcode «1,000 followers»\n\"quoted\"");
        back.Money.ShouldBe(full.Money);
        back.EnhancedEligibilityTypes.ShouldBe(full.EnhancedEligibilityTypes);
        back.Charge.ShouldNotBeNull().Disputed.ShouldBeTrue();
        back.Charge.Metadata["k"].ShouldBe("v");
        listing.ChargeIds.ShouldBe(["ch_full", "ch_test"], ignoreOrder: true);
    }

    [Fact]
    public async Task UrgentFirst_SoonestDeadlineFirst_ThenById_NoDeadlineLast_FindByIdOrNull()
    {
        // Listed as Stripe lists them (newest first), deadlines in no order.
        var disputes = new[]
        {
            Dispute("dp_e", T.Day(30)), Dispute("dp_b", T.Day(12)), Dispute("dp_none", null), Dispute("dp_d", T.Day(12)),
            Dispute("dp_a", T.Day(9)), Dispute("dp_c", T.Day(12).AddTicks(1)),
        };
        await using var listing = await DisputeListing.SpoolAsync(Listed(disputes), new MemoryStream(), T.Ct);

        listing.Count.ShouldBe(6);
        listing.UrgentFirst().Select(d => d.Id).ShouldBe(["dp_a", "dp_b", "dp_d", "dp_c", "dp_e", "dp_none"]);
        (await listing.FindAsync("dp_d", T.Ct)).ShouldNotBeNull().DueBy.ShouldBe(T.Day(12));
        (await listing.FindAsync("dp_missing", T.Ct)).ShouldBeNull();
    }

    private static Dispute Dispute(string id, DateTimeOffset? due) => new DisputeBuilder().Build() with { Id = id, ChargeId = "ch_" + id, DueBy = due };

#pragma warning disable CS1998 // An async listing, as Stripe's pages come.
    private static async IAsyncEnumerable<Dispute> Listed(params Dispute[] disputes)
    {
        foreach (var dispute in disputes)
        {
            yield return dispute;
        }
    }
#pragma warning restore CS1998
}
