using DisputeKit.Core.Rendering;
using DisputeKit.Rendering.Pdf;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Rendering.Tests.Pdf;

public sealed class HandlebarsPackRendererTests : IAsyncLifetime
{
    private static readonly string[] Sections =
        ["Response to dispute", "Summary", "Transaction and customer identity", "Service and delivery report", "Communication history", "Prior undisputed orders", "Refund policy"];

    private readonly ChromiumPrinter _printer = new(new RenderingOptions());
    private HandlebarsPackRenderer _renderer = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _renderer = new HandlebarsPackRenderer(RepoPaths.Templates, _printer);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _printer.DisposeAsync();

    private static PackModel Model(string messageBody, string customerName = "Jane Doe") => new()
    {
        Title = "Dispute dp_render_1 — evidence",
        Merchant = new Branding { Name = "VipLikes", Contact = "support@viplikes.example" },
        GeneratedAt = "2026-11-01 09:00 UTC",
        DisputeId = "dp_render_1",
        CoverTitle = "Response to dispute dp_render_1",
        CoverParagraphs = ["We respond to dispute dp_render_1 over 49.90 EUR for order VL-42.", "Delivered 1000 of 1000."],
        Summary = [new("Dispute", "dp_render_1"), new("Order number", "VL-42"), new("Customer", customerName)],
        Identity = [new("Purchase IP", "81.2.3.4")],
        Service = [new("Delivered quantity", "1000 of 1000")],
        Timeline = [new("2026-10-01 10:00 UTC", "started", "0", "500", "Delivery started.")],
        PriorContactStatement = "The customer did not contact support between 2026-01-01 and the dispute on 2026-10-20.",
        Messages = [new("2026-10-02 11:00 UTC", "email", "from customer", "Vraag", messageBody)],
        PriorOrders = [new("VL-7", "2026-05-01 10:00 UTC", "Instagram Likes", "9.90 EUR", "completed")],
        Policy = [new("§5", "A full refund is given only when the order was not started within the start time.", "Hoe kan ik een terugbetaling krijgen??\nOns bedrijf kan alleen onder bepaalde omstandigheden een volledige terugbetaling verlenen.", "nl")],
        VerdictFacts = ["Ordered 1000 followers; delivered 1000."],
    };

    [Fact]
    public async Task RenderPdf_SectionsInOrder_FactsPresent()
    {
        var text = await Tool.PdfTextAsync(await _renderer.RenderPdfAsync(Model("Hallo, waar blijft mijn bestelling?"), Ct), Ct);

        var order = Sections.Select(heading => text.IndexOf(heading, StringComparison.Ordinal)).ToList();
        order.ShouldAllBe(i => i >= 0);
        order.ShouldBeInOrder();
        text.ShouldContain("dp_render_1");
        text.ShouldContain("VL-42");
        text.ShouldContain("1000 of 1000");
        text.ShouldContain("did not contact support");
        text.ShouldContain("As published (nl):");
        text.ShouldContain("Ons bedrijf kan alleen onder bepaalde omstandigheden");
    }

    [Fact]
    public void RenderHtml_CustomerText_IsEscapedNotExecuted()
    {
        var html = _renderer.RenderHtml(Model("<script>alert(1)</script> {{css}} {{{css}}}", customerName: "<img src=x onerror=alert(2)>"));

        html.ShouldNotContain("<script>alert(1)</script>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.ShouldContain("{{css}} {{{css}}}");
        html.ShouldNotContain("<img src=x");
    }

    [Fact]
    public async Task RenderPdf_EscapedAndMultiScriptText_PrintsAsText()
    {
        const string body = "<script>alert(1)</script> {{title}} Søren Ærø Élodie — Привет мир — Καλημέρα — 你好世界";

        var text = await Tool.PdfTextAsync(await _renderer.RenderPdfAsync(Model(body), Ct), Ct);

        text.ShouldContain("<script>alert(1)</script>");
        text.ShouldContain("{{title}}");
        text.ShouldContain("Søren Ærø Élodie");
        text.ShouldContain("Привет мир");
        text.ShouldContain("Καλημέρα");
        text.ShouldContain("你好世界");
    }

    [Fact]
    public async Task Printer_ChromiumMissing_SaysWhatToInstall()
    {
        await using var printer = new ChromiumPrinter(new RenderingOptions { ChromiumPath = "/nonexistent/chromium" });

        var error = await Should.ThrowAsync<FileNotFoundException>(() => printer.PrintAsync("<p>x</p>", "x", Ct));

        error.Message.ShouldContain("/nonexistent/chromium");
        error.Message.ShouldContain("apt-get install");
    }
}
