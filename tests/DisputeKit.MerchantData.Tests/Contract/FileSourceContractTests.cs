using System.Text;
using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData.Files;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.MerchantData.Tests.Contract;

/// <summary>The merchant-source contract on the JSON Lines folder, whose records are read again from their lines when asked for.</summary>
public sealed class FileSourceContractTests : MerchantSourceContract
{
    private const string Customer = """{"id":"C1","email":"c1@example.test","created_at":"2025-01-01T00:00:00Z"}""";

    protected override async Task<(IMerchantRecords Records, LoadReport Report)> LoadAsync(string folder) =>
        await FileMerchantSource.LoadAsync(folder, Ct);

    private static string Order(string id, string note = "") =>
        $$$"""{"id":"{{{id}}}","customer_id":"C1","created_at":"2026-03-04T10:15:00Z","service":{"id":"s","name":"Likes{{{note}}}","kind":"likes"},"quantity":10,"amount":100,"currency":"eur","status":"completed","payment":{"stripe_charge_id":"ch_{{{id}}}"}}""";

    [Fact]
    public async Task Load_ByteOrderMarkCrlfAndALineLongerThanTheBuffer_EachRecordReadBackWhole()
    {
        using var folder = new TempFolder("md-lines");
        var long_ = new string('x', 200_000);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "customers.jsonl"), Customer + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), Ct);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "orders.jsonl"),
            Order("VL-1", " ✅") + "\r\n\r\n" + Order("VL-2", long_) + "\r\n{broken\r\n" + Order("VL-3"), Ct);

        var (records, report) = await FileMerchantSource.LoadAsync(folder.Path, Ct);

        report.Issues.ShouldHaveSingleItem().Line.ShouldBe(4);
        (await records.FindCustomerAsync("C1", Ct))!.Email.ShouldBe("c1@example.test");
        (await records.FindOrderAsync("VL-1", Ct))!.Service.Name.ShouldBe("Likes ✅");
        (await records.FindOrderAsync("VL-2", Ct))!.Service.Name.Length.ShouldBe(5 + long_.Length);
        (await records.OrdersByChargeAsync("ch_VL-3", Ct)).ShouldHaveSingleItem().Id.ShouldBe("VL-3");
    }

    [Fact]
    public async Task FileReplacedByRename_OldRecordsStillRead_FileRewrittenInPlace_RefusedNamingTheFile()
    {
        using var folder = new TempFolder("md-changed");
        var orders = Path.Combine(folder.Path, "orders.jsonl");
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "customers.jsonl"), Customer + "\n", Ct);
        await File.WriteAllTextAsync(orders, Order("VL-1") + "\n" + Order("VL-2") + "\n", Ct);
        var (records, _) = await FileMerchantSource.LoadAsync(folder.Path, Ct);

        // An export written beside and renamed over the old file: what was loaded reads as it was.
        await File.WriteAllTextAsync(orders + ".new", "{}\n", Ct);
        File.Move(orders + ".new", orders, overwrite: true);
        (await records.FindOrderAsync("VL-2", Ct))!.Id.ShouldBe("VL-2");

        // Rewritten in place (same file, other bytes): refused, never read as another record.
        var (again, _) = await FileMerchantSource.LoadAsync(folder.Path, Ct);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "customers.jsonl"), "[]\n", Ct);
        var error = await Should.ThrowAsync<MerchantDataUnavailableException>(() => again.FindCustomerAsync("C1", Ct));
        error.Message.ShouldContain("customers.jsonl");
        error.Message.ShouldContain("changed in place");
    }
}
