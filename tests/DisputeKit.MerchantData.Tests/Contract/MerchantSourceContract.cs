using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData.Files;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.MerchantData.Tests.Contract;

/// <summary>
/// What every merchant source must do with the same export (<see cref="ContractExport"/>): report
/// each bad line with file, line and field, load the rest, and answer every lookup the evidence
/// gatherer makes the same way. Each source runs these cases through a subclass.
/// </summary>
public abstract class MerchantSourceContract : IDisposable
{
    private readonly TempFolder _export = new("md-contract");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Loads the folder into the source under test.</summary>
    protected abstract Task<(IMerchantRecords Records, LoadReport Report)> LoadAsync(string folder);

    private async Task<(IMerchantRecords Records, LoadReport Report)> LoadContractAsync()
    {
        ContractExport.Write(_export.Path);
        return await LoadAsync(_export.Path);
    }

    [Fact]
    public async Task Load_BadLinesAndMissingFields_ReportedWithFileLineAndField()
    {
        var (_, report) = await LoadContractAsync();

        report.Issues.Select(i => i.ToString()).ShouldBe(ContractExport.ExpectedIssues);
        report.MissingFiles.ShouldBe(["refunds.jsonl"]);
    }

    [Fact]
    public async Task Load_GoodLines_AllLoadAndFirstOfARepeatedIdWins()
    {
        var (records, report) = await LoadContractAsync();

        report.Loaded.ShouldBe(new Dictionary<string, int>
        {
            ["customers.jsonl"] = 2, ["orders.jsonl"] = 3, ["delivery_events.jsonl"] = 4, ["support_messages.jsonl"] = 5,
            ["policy_acceptances.jsonl"] = 3, ["account_activity.jsonl"] = 2, ["subscriptions.jsonl"] = 2, ["refunds.jsonl"] = 0,
        }, ignoreOrder: true);
        report.Bytes.ShouldBe(Directory.GetFiles(_export.Path).Sum(f => new FileInfo(f).Length));
        (await records.FindCustomerAsync("C1", Ct))!.Email.ShouldBe("Jane.Doe@Example.test");
        (await records.FindCustomerAsync("C2", Ct)).ShouldBeNull();
        (await records.FindOrderAsync("VL-0", Ct))!.CustomerId.ShouldBe("C1");
        (await records.FindSubscriptionAsync("SUB-1", Ct))!.CustomerId.ShouldBe("C4");

        // An order of a customer the export does not hold is left out; a message of one is kept, found by its email.
        (await records.FindOrderAsync("VL-7", Ct)).ShouldBeNull();
        (await records.OrdersByChargeAsync("ch_7", Ct)).ShouldBeEmpty();
        (await records.SupportMessagesAsync("C9", "nine@example.test", [], Ct)).Select(m => m.Id).ShouldBe(["M6"]);
    }

    [Fact]
    public async Task OneCheckout_SeveralOrders_EveryOrderOfTheChargeAndOfTheIntent_OldestFirst()
    {
        using var export = new TempFolder("md-checkout");
        File.WriteAllLines(Path.Combine(export.Path, "customers.jsonl"),
            ["""{"id":"C1","email":"a@example.test","created_at":"2025-01-01T00:00:00Z"}"""]);
        File.WriteAllLines(Path.Combine(export.Path, "orders.jsonl"),
        [
            """{"id":"VL-12","customer_id":"C1","created_at":"2026-03-04T10:15:02Z","service":{"id":"l","name":"Likes","kind":"likes"},"quantity":100,"amount":300,"currency":"eur","status":"completed","payment":{"stripe_charge_id":"ch_c","stripe_payment_intent_id":"pi_c"}}""",
            """{"id":"VL-11","customer_id":"C1","created_at":"2026-03-04T10:15:00Z","service":{"id":"f","name":"Followers","kind":"followers"},"quantity":1000,"amount":4990,"currency":"eur","status":"completed","payment":{"stripe_charge_id":"ch_c","stripe_payment_intent_id":"pi_c"}}""",
            """{"id":"VL-13","customer_id":"C1","created_at":"2026-03-04T10:15:02Z","service":{"id":"v","name":"Views","kind":"views"},"quantity":1000,"amount":200,"currency":"eur","status":"pending","payment":{"stripe_charge_id":"ch_c","stripe_payment_intent_id":"pi_c"}}""",
            """{"id":"VL-14","customer_id":"C1","created_at":"2026-03-05T10:00:00Z","service":{"id":"v","name":"Views","kind":"views"},"quantity":1000,"amount":200,"currency":"eur","status":"pending","payment":{"stripe_charge_id":"ch_other"}}""",
        ]);

        var (records, _) = await LoadAsync(export.Path);

        (await records.OrdersByChargeAsync("ch_c", Ct)).Select(o => o.Id).ShouldBe(["VL-11", "VL-12", "VL-13"]);
        (await records.OrdersByPaymentIntentAsync("pi_c", Ct)).Select(o => o.Id).ShouldBe(["VL-11", "VL-12", "VL-13"]);
    }

    [Fact]
    public async Task FindOrder_ByChargeIntentAndId_EveryFieldRoundTrips()
    {
        var (records, _) = await LoadContractAsync();

        var order = (await records.OrdersByChargeAsync("ch_1", Ct)).ShouldHaveSingleItem();
        (await records.OrdersByPaymentIntentAsync("pi_1", Ct)).ShouldHaveSingleItem().Id.ShouldBe("VL-1");
        (await records.FindOrderAsync("VL-1", Ct))!.Id.ShouldBe("VL-1");
        (await records.OrdersByPaymentIntentAsync("pi_4", Ct)).ShouldHaveSingleItem().SubscriptionId.ShouldBe("SUB-1");
        (await records.OrdersByChargeAsync("ch_none", Ct)).ShouldBeEmpty();
        (await records.OrdersByPaymentIntentAsync("pi_none", Ct)).ShouldBeEmpty();
        (await records.FindOrderAsync("VL-3", Ct)).ShouldBeNull();

        order.CustomerId.ShouldBe("C1");
        order.CreatedAt.ShouldBe(DateTimeOffset.Parse("2026-03-04T09:15:00Z", System.Globalization.CultureInfo.InvariantCulture));
        order.Service.ShouldBe(new ServiceInfo
        {
            Id = "ig-f", Name = "Instagram Followers – HQ", Platform = "instagram", Kind = "followers", StartWithinHours = 24, RefillDays = 30, TargetCountry = "NL",
        });
        (order.Link, order.Quantity, order.Amount, order.Currency, order.Status).ShouldBe(("https://instagram.test/jane", 1000L, 4990L, "eur", "completed"));
        (order.StartCount, order.Delivered, order.StartedAt, order.CompletedAt).ShouldBe(
            (500L, 1000L, At("2026-03-04T15:00:00Z"), At("2026-03-05T09:00:00Z")));
        order.Payment.ShouldBe(new PaymentInfo
        {
            StripeChargeId = "ch_1", StripePaymentIntentId = "pi_1", PurchaseIp = "81.2.3.4",
            DeviceFingerprint = "fp_abcdefghijklmnopqrstu", DeviceId = "dev_0123456789ab", UserAgent = "Mozilla/5.0",
        });
        (order.SubscriptionId, order.PolicyAcceptanceId).ShouldBe((null, "PA-1"));
        (await records.FindOrderAsync("VL-0", Ct))!.Payment.ShouldBeNull();
    }

    [Fact]
    public async Task OrdersAndEvents_InTimeOrder()
    {
        var (records, _) = await LoadContractAsync();

        (await records.OrdersOfCustomerAsync("C1", Ct)).Select(o => o.Id).ShouldBe(["VL-0", "VL-1"]);
        (await records.OrdersOfCustomerAsync("C9", Ct)).ShouldBeEmpty();

        // Orders by month count exactly the orders the source holds (a repeated id once, lines left out not at all), by UTC month.
        var held = new List<DisputeKit.Core.Merchant.Order>();
        foreach (var id in new[] { "VL-0", "VL-1", "VL-2", "VL-3", "VL-4", "VL-7" })
        {
            if (await records.FindOrderAsync(id, Ct) is { } order)
            {
                held.Add(order);
            }
        }

        var months = await records.OrdersByMonthAsync(Ct);
        months.ShouldBe(held.GroupBy(o => o.CreatedAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count()), ignoreOrder: true);
        months["2025-09"].ShouldBe(1);
        months["2026-04"].ShouldBe(1);
        var events = await records.DeliveryEventsAsync("VL-1", Ct);
        events.Select(e => e.Type).ShouldBe(["queued", "started", "completed"]);
        events[2].ShouldBe(new DeliveryEvent { OrderId = "VL-1", At = At("2026-03-05T09:00:00Z"), Type = "completed", Delivered = 1000, ObservedCount = 1502, Note = "done ✅" });
        (await records.DeliveryEventsAsync("VL-0", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SupportMessages_ByAccountEmailOrOrder_EachOnceInTimeThenIdOrder()
    {
        var (records, _) = await LoadContractAsync();

        var all = await records.SupportMessagesAsync("C1", " jane.DOE@example.test", ["VL-1"], Ct);
        all.Select(m => m.Id).ShouldBe(["M1", "M2", "M3"]);
        all[0].Body.ShouldBe("Hallo 👋 <b>hi</b> — مرحبا");
        (all[0].ThreadId, all[0].Email, all[0].Channel, all[0].Direction, all[0].Subject).ShouldBe(("T1", "  JANE.doe@example.TEST ", "email", "inbound", "Hoi"));
        all[1].OrderIds.ShouldBe(["VL-9", "VL-1"]);
        (all[2].Agent, all[2].At).ShouldBe(("Sam", At("2026-03-06T09:00:00Z")));

        (await records.SupportMessagesAsync("C1", null, [], Ct)).Select(m => m.Id).ShouldBe(["M3"]);
        (await records.SupportMessagesAsync("C-none", "JANE.DOE@EXAMPLE.TEST", [], Ct)).Select(m => m.Id).ShouldBe(["M1"]);
        (await records.SupportMessagesAsync("C-none", null, ["VL-9"], Ct)).Select(m => m.Id).ShouldBe(["M2"]);
        (await records.SupportMessagesAsync("C-none", "nobody@example.test", ["VL-none"], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PolicyAcceptance_ByIdAndLatestAtOrBefore()
    {
        var (records, _) = await LoadContractAsync();

        var accepted = (await records.FindPolicyAcceptanceAsync("PA-1", Ct))!;
        accepted.ShouldBe(new PolicyAcceptance
        {
            Id = "PA-1", CustomerId = "C1", OrderId = "VL-1", Policy = "viplikes-refund", Version = "2025-10-02", Locale = "nl",
            AcceptedAt = At("2026-03-04T09:14:00Z"), Ip = "81.2.3.4", UserAgent = "Mozilla/5.0",
        });
        (await records.LatestPolicyAcceptanceAsync("C1", At("2026-03-04T09:14:00Z"), Ct))!.Id.ShouldBe("PA-1");
        (await records.LatestPolicyAcceptanceAsync("C1", At("2026-03-04T09:13:59Z"), Ct))!.Id.ShouldBe("PA-0");
        (await records.LatestPolicyAcceptanceAsync("C1", At("2025-01-01T00:00:00Z"), Ct)).ShouldBeNull();
        (await records.FindPolicyAcceptanceAsync("PA-3", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ActivitySubscriptionsAndRefunds()
    {
        var (records, _) = await LoadContractAsync();

        (await records.AccountActivityAsync("C1", Ct)).ShouldBe(
        [
            new AccountActivity { CustomerId = "C1", At = At("2026-03-05T08:00:00Z"), Type = "order_viewed", Ip = "81.2.3.5" },
            new AccountActivity { CustomerId = "C1", At = At("2026-03-06T08:00:00Z"), Type = "login", Ip = "81.2.3.4", DeviceFingerprint = "fp_abcdefghijklmnopqrstu", UserAgent = "Mozilla/5.0" },
        ]);

        var subscription = (await records.FindSubscriptionByRenewalChargeAsync("ch_r1", Ct))!;
        (subscription.Id, subscription.CustomerId, subscription.Status, subscription.Interval, subscription.CreatedAt, subscription.CanceledAt)
            .ShouldBe(("SUB-1", "C4", "active", "month", At("2026-01-01T00:00:00Z"), null));
        subscription.Service.ShouldBe(new SubscriptionService { Id = "auto", Name = "Auto likes", Kind = "auto_likes" });
        subscription.Renewals.Select(r => (r.At, r.Amount, r.Currency, r.StripeChargeId)).ShouldBe(
            [(At("2026-01-01T00:00:00Z"), 1500L, "dkk", "ch_r0"), (At("2026-02-01T00:00:00Z"), 1500L, "dkk", "ch_r1")], ignoreOrder: true);
        (await records.FindSubscriptionByRenewalChargeAsync("ch_dup", Ct)).ShouldBeNull();
        var bare = (await records.FindSubscriptionAsync("SUB-3", Ct))!;
        (bare.Service, bare.Renewals.Count).ShouldBe((null, 0));
        (await records.RefundsAsync("VL-1", "SUB-1", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Refunds_ByOrderOrSubscription_EachOnceInTimeOrder()
    {
        Directory.CreateDirectory(_export.Path);
        File.WriteAllLines(Path.Combine(_export.Path, "refunds.jsonl"),
        [
            """{"id":"R2","order_id":"VL-1","at":"2026-03-10T00:00:00Z","amount":1000,"currency":"eur","reason":"partial","stripe_refund_id":"re_2"}""",
            """{"id":"R1","order_id":"VL-1","subscription_id":"SUB-1","at":"2026-03-09T00:00:00Z","amount":500,"currency":"eur"}""",
            """{"id":"R3","subscription_id":"SUB-1","at":"2026-03-09T00:00:00Z","amount":200,"currency":"eur"}""",
            """{"id":"R4","order_id":"VL-7","at":"2026-03-09T00:00:00Z","amount":1,"currency":"eur"}""",
            """{"id":"R5","order_id":"VL-1","at":"2026-03-09T00:00:00Z","currency":"eur"}""",
        ]);

        var (records, report) = await LoadAsync(_export.Path);

        report.Issues.Select(i => i.ToString()).ShouldBe(["refunds.jsonl line 5, field 'amount': required field is missing or null"]);
        report.MissingFiles.Count.ShouldBe(7);
        (await records.RefundsAsync("VL-1", "SUB-1", Ct)).Select(r => r.Id).ShouldBe(["R1", "R3", "R2"]);
        (await records.RefundsAsync("VL-1", null, Ct)).Select(r => r.Id).ShouldBe(["R1", "R2"]);
        (await records.RefundsAsync(null, "SUB-1", Ct)).Select(r => r.Id).ShouldBe(["R1", "R3"]);
        (await records.RefundsAsync(null, null, Ct)).ShouldBeEmpty();
        var r2 = (await records.RefundsAsync("VL-1", null, Ct))[1];
        (r2.Amount, r2.Currency, r2.Reason, r2.StripeRefundId).ShouldBe((1000L, "eur", "partial", "re_2"));
    }

    [Fact]
    public async Task Load_CsvInPlaceOfJsonLines_SameRecords_IssuesNameTheColumn()
    {
        void Csv(string name, params string[] lines) => File.WriteAllLines(Path.Combine(_export.Path, name), lines);
        Csv("customers.csv",
            "id,email,name,created_at",
            "C1,Jane.Doe@Example.test,\"Doe, Jane \"\"JD\"\"\",2025-01-01T09:00:00+01:00");
        Csv("orders.csv",
            "id,customer_id,created_at,service_id,service_name,service_kind,service_start_within_hours,quantity,amount,currency,status,payment_stripe_charge_id,payment_purchase_ip",
            "VL-1,C1,2026-03-04T10:15:00+01:00,ig-f,\"Followers, HQ\",followers,24,1000,4990,eur,completed,ch_1,81.2.3.4",
            "VL-2,C1,2026-03-04T10:15:00+01:00,ig-f,Followers,,24,1000,4990,eur,completed,ch_2,",
            "VL-3,C1,2026-03-04T10:15:00+01:00,ig-f,Followers,likes,24,ten,4990,eur,completed,ch_3,",
            "VL-4,C1,too few cells");
        Csv("support_messages.csv",
            "id,customer_id,channel,direction,at,order_ids,body",
            "M1,C1,email,inbound,2026-03-05T09:00:00Z,VL-1|VL-9,\"Line one,",
            "line two 👋\"");
        Csv("subscriptions.csv",
            "id,customer_id,service_name,status,renewals",
            "SUB-1,C1,Auto likes,active,\"[{\"\"at\"\":\"\"2026-02-01T00:00:00Z\"\",\"\"amount\"\":1500,\"\"currency\"\":\"\"dkk\"\",\"\"stripe_charge_id\"\":\"\"ch_r1\"\"}]\"");

        var (records, report) = await LoadAsync(_export.Path);

        report.Issues.Select(i => i.ToString()).ShouldBe(
        [
            "orders.csv line 3, field 'service_kind': required field is missing or null",
            "orders.csv line 4, field 'quantity': wrong type or format (The JSON value could not be converted to System.Int64)",
            "orders.csv line 5: has 3 cells; the header has 13",
        ]);
        report.Loaded["orders.csv"].ShouldBe(1);
        (await records.FindCustomerAsync("C1", Ct))!.Name.ShouldBe("Doe, Jane \"JD\"");
        var order = (await records.OrdersByChargeAsync("ch_1", Ct)).Single();
        (order.Service.Name, order.Service.Kind, order.Service.StartWithinHours, order.Quantity, order.Payment!.PurchaseIp)
            .ShouldBe(("Followers, HQ", "followers", (double?)24, 1000L, "81.2.3.4"));
        var message = (await records.SupportMessagesAsync("C-none", null, ["VL-9"], Ct)).Single();
        message.Body.ShouldBe("Line one,\nline two 👋");
        message.OrderIds.ShouldBe(["VL-1", "VL-9"]);
        (await records.FindSubscriptionByRenewalChargeAsync("ch_r1", Ct))!.Service!.Name.ShouldBe("Auto likes");
    }

    [Fact]
    public async Task Load_MissingFolder_SaysWhichFolder()
    {
        var missing = _export.Sub("nope");

        var error = await Should.ThrowAsync<DirectoryNotFoundException>(() => LoadAsync(missing));

        error.Message.ShouldContain(missing);
    }

    protected static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _export.Dispose();
        GC.SuppressFinalize(this);
    }
}
