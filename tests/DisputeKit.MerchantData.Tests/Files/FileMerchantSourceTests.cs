using DisputeKit.MerchantData.Files;
using Shouldly;

namespace DisputeKit.MerchantData.Tests.Files;

public sealed class FileMerchantSourceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dk-md-" + Guid.NewGuid().ToString("N"));

    public FileMerchantSourceTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void Write(string file, params string[] lines) => File.WriteAllLines(Path.Combine(_folder, file), lines);

    private const string GoodOrder = """{"id":"VL-1","customer_id":"C1","created_at":"2026-03-04T10:15:00+01:00","service":{"id":"s","name":"IG Followers","kind":"followers","start_within_hours":24},"quantity":1000,"amount":4990,"currency":"eur","status":"completed","payment":{"stripe_charge_id":"ch_1"},"unknown_field":"ignored"}""";

    [Fact]
    public async Task Load_BadLines_ReportedWithFileLineAndField_RestLoads()
    {
        Write("customers.jsonl",
            """{"id":"C1","email":"a@b.test","created_at":"2025-01-01T00:00:00+00:00"}""",
            """{"id":"C2","created_at":"2025-01-01T00:00:00+00:00"}""",
            "{not json",
            "",
            """{"id":"C3","email":"c@b.test","created_at":"yesterday"}""",
            """{"id":"C4","email":"d@b.test","created_at":"2025-01-01T00:00:00+00:00"}""");
        Write("orders.jsonl",
            GoodOrder,
            """{"id":"VL-2","customer_id":"C1","created_at":"2026-03-04T10:15:00+01:00","service":{"id":"s","name":"x"},"quantity":10,"amount":1,"currency":"eur","status":"completed"}""",
            """{"id":"VL-3","customer_id":"C1","created_at":"2026-03-04T10:15:00+01:00","service":{"id":"s","name":"x","kind":"likes"},"quantity":"ten","amount":1,"currency":"eur","status":"completed"}""");

        var (records, report) = await FileMerchantSource.LoadAsync(_folder, Ct);

        report.Loaded["customers.jsonl"].ShouldBe(2);
        report.Loaded["orders.jsonl"].ShouldBe(1);
        report.Issues.Select(i => i.ToString()).ShouldBe(
        [
            "customers.jsonl line 2, field 'email': required field is missing or null",
            "customers.jsonl line 3: not valid JSON ('n' is an invalid start of a property name)",
            report.Issues[2].ToString(),
            "orders.jsonl line 2, field 'service.kind': required field is missing or null",
            report.Issues[4].ToString(),
        ]);
        report.Issues[2].File.ShouldBe("customers.jsonl");
        report.Issues[2].Line.ShouldBe(5);
        report.Issues[2].Field.ShouldBe("created_at");
        report.Issues[4].Line.ShouldBe(3);
        report.Issues[4].Field.ShouldBe("quantity");
        (await records.FindCustomerAsync("C4", Ct)).ShouldNotBeNull();
        (await records.FindOrderByChargeAsync("ch_1", Ct))!.Service.StartWithinHours.ShouldBe(24);
        report.MissingFiles.ShouldContain("refunds.jsonl");
    }

    [Fact]
    public async Task Load_EmailLookup_IsCaseInsensitiveAndTrimmed()
    {
        Write("support_messages.jsonl",
            """{"id":"M1","email":"  Jane.DOE@Example.test ","channel":"email","direction":"inbound","at":"2026-03-05T10:00:00+01:00","body":"Hallo 👋 <b>hi</b>"}""");

        var (records, report) = await FileMerchantSource.LoadAsync(_folder, Ct);
        var messages = await records.SupportMessagesAsync("C-unknown", "jane.doe@example.TEST", [], Ct);

        report.Issues.ShouldBeEmpty();
        messages.Single().Body.ShouldBe("Hallo 👋 <b>hi</b>");
    }

    [Fact]
    public async Task Load_MissingFolder_SaysWhichFolder()
    {
        var missing = Path.Combine(_folder, "nope");

        var error = await Should.ThrowAsync<DirectoryNotFoundException>(() => FileMerchantSource.LoadAsync(missing, Ct));

        error.Message.ShouldContain(missing);
    }
}
