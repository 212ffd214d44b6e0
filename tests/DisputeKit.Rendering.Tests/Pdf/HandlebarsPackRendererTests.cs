using DisputeKit.Core.Rendering;
using DisputeKit.Rendering.Pdf;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Rendering.Tests.Pdf;

public sealed class HandlebarsPackRendererTests : IAsyncLifetime
{
    private static readonly string[] Sections =
        ["Response to dispute", "Summary", "Transaction and customer identity", "Service and delivery report", "Communication history", "Prior undisputed orders", "Refund policy", "Account activity after the purchase", "Exhibits"];

    private static readonly DateTimeOffset Clock = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

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
        Subject = "Evidence for dispute dp_render_1 (product not received) — order VL-42",
        Created = Clock,
        Merchant = new Branding { Name = "VipLikes", Contact = "support@viplikes.example" },
        GeneratedAt = "2026-11-01 09:00 UTC",
        DisputeId = "dp_render_1",
        CoverTitle = "Response to dispute dp_render_1",
        CoverParagraphs = ["We respond to dispute dp_render_1 over 49.90 EUR for order VL-42.", "Delivered 1000 of 1000."],
        Summary = [new("Dispute", "dp_render_1"), new("Order number", "VL-42"), new("Customer", customerName)],
        Identity = [new("Purchase IP", "81.2.3.4")],
        Deliveries =
        [
            new DeliverySection
            {
                Service = [new("Delivered quantity", "1000 of 1000")],
                Timeline = [new("2026-10-01 10:00 UTC", "started", "0", "500", "Delivery started.")],
                ChartSvg = DeliveryChart.Svg(new DisputeKit.Core.Evidence.DeliveryReport
                {
                    Events =
                    [
                        new() { OrderId = "VL-42", At = Clock.AddDays(-30), Type = "started", Delivered = 0, ObservedCount = 500 },
                        new() { OrderId = "VL-42", At = Clock.AddDays(-29), Type = "completed", Delivered = 1000, ObservedCount = 1500 },
                        new() { OrderId = "VL-42", At = Clock.AddDays(-20), Type = "drop_detected", ObservedCount = 1400 },
                        new() { OrderId = "VL-42", At = Clock.AddDays(-19), Type = "refill_completed", ObservedCount = 1500 },
                    ],
                    Ordered = 1000, Delivered = 1000, StartedAt = Clock.AddDays(-30), CompletedAt = Clock.AddDays(-29), Drops = [],
                }),
            },
        ],
        PriorContactStatement = "The customer did not contact support between 2026-01-01 and the dispute on 2026-10-20.",
        Messages = [new("2026-10-02 11:00 UTC", "email", "from customer", "Vraag", messageBody)],
        PriorOrders = [new("VL-7", "2026-05-01 10:00 UTC", "Instagram Likes", "9.90 EUR", "completed")],
        Policy = [new("§5", "A full refund is given only when the order was not started within the start time.", "Hoe kan ik een terugbetaling krijgen??\nOns bedrijf kan alleen onder bepaalde omstandigheden een volledige terugbetaling verlenen.", "nl")],
        VerdictFacts = ["Ordered 1000 followers; delivered 1000."],
        Activity = [new("2026-10-03 08:00 UTC", "login", "81.2.3.4", "fp_0123456789abcdef0123")],
        Exhibits = [new("A", "Transaction and customer identity", "The purchase was made from the customer's own account.")],
        PolicyTitle = "viplikes.net refund policy, version 2025-10-02",
        PolicyAccepted = "The customer accepted viplikes-refund version 2025-10-02 at checkout on 2026-09-30 10:00 UTC from IP address 81.2.3.4, shown in language 'nl'.",
        PolicyText =
        [
            new("§2", "Contact support before disputing a payment.", "Voordat u een geschil met uw bank overweegt, vragen wij u eerst contact op te nemen.", "nl"),
            new("§5", "A full refund is given only when the order was not started within the start time.", "Hoe kan ik een terugbetaling krijgen??", "nl"),
            new("§9", "Chargebacks without contacting support may lead to suspension.", null, null),
        ],
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
        text.ShouldContain("delivered (cumulative)", Case.Sensitive, "the delivery chart's legend");
        text.ShouldContain("The purchase was made from the customer's own");
    }

    [Fact]
    public async Task RenderPdf_BrandingLogo_EmbeddedOnTheCover_NoneWithoutIt()
    {
        // A 4×4 PNG, as Branding:LogoPath gives it to the pack: embedded, nothing fetched.
        const string png = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4IScHRwzEcQCxYxBBO0tjggAAAABJRU5ErkJggg==";
        var plain = Model("Hallo");
        var branded = plain with { Merchant = plain.Merchant with { LogoDataUri = "data:image/png;base64," + png } };

        (await Tool.PdfImageCountAsync(await _renderer.RenderPdfAsync(branded, Ct), Ct)).ShouldBe(1);
        (await Tool.PdfImageCountAsync(await _renderer.RenderPdfAsync(plain, Ct), Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task RenderPdf_MetadataFromModelAndClock_PassesQpdfCheck_SameModelSameText()
    {
        var first = await _renderer.RenderPdfAsync(Model("Hallo"), Ct);
        var second = await _renderer.RenderPdfAsync(Model("Hallo"), Ct);

        var info = await Tool.PdfInfoAsync(first, Ct);
        info.ShouldContain("Title:           Dispute dp_render_1 — evidence");
        info.ShouldContain("Subject:         Evidence for dispute dp_render_1 (product not received) — order VL-42");
        info.ShouldContain("Author:          VipLikes");
        info.ShouldContain("CreationDate:    2026-11-01T09:00:00");
        info.ShouldContain("Creator:         DisputeKit");
        await Tool.QpdfCheckAsync(first, Ct);
        PdfFile.PageCount(first).ShouldBe(int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
        (await Tool.PdfTextAsync(second, Ct)).ShouldBe(await Tool.PdfTextAsync(first, Ct));

        // Byte for byte, even a second or more apart (the printer's own dates are the model's):
        // a retried upload carries the same content hash, so the same idempotency key.
        await Task.Delay(1100, Ct);
        var later = await _renderer.RenderPdfAsync(Model("Hallo"), Ct);
        System.Security.Cryptography.SHA256.HashData(later).ShouldBe(System.Security.Cryptography.SHA256.HashData(first));
    }

    [Fact]
    public async Task Budget_LongHistory_ShortenedUntilItFitsNineteenPages_SayingWhatWasLeftOut()
    {
        var body = string.Join(" ", Enumerable.Repeat("Waar blijft mijn bestelling? Ik wacht al dagen.", 40));
        var budget = new PackBudget(_renderer, maxPages: 19, maxBytes: 4_000_000);
        var rendered = new List<int>();

        var pack = await budget.RenderAsync(trim =>
        {
            var all = Enumerable.Range(0, 400).Select(i => new MessageRow($"2026-10-{1 + (i % 28):00} 11:00 UTC", "email", "from customer", $"Vraag {i}", body)).ToList();
            var kept = all.Take(trim.Messages).Select(m => m with { Body = m.Body[..Math.Min(m.Body.Length, trim.MessageChars)] }).ToList();
            rendered.Add(trim.Level);
            return Model("x") with { Messages = kept, MessagesNote = kept.Count < all.Count ? $"{all.Count - kept.Count} of {all.Count} messages are left out to keep the pack within its page budget." : string.Empty };
        }, Ct);

        pack.OverBudget.ShouldBeNull();
        pack.Pages.ShouldBeLessThanOrEqualTo(19);
        rendered.Count.ShouldBeGreaterThan(1, "the first, untrimmed render is over 19 pages");
        var text = await Tool.PdfTextAsync(pack.Pdf, Ct);
        text.ShouldContain("messages are left out to keep the pack within its page budget");
        await Tool.QpdfCheckAsync(pack.Pdf, Ct);
    }

    [Fact]
    public async Task RenderPdf_Transcript_HoldsTheMessagesAndPriorContact_NotThePack()
    {
        var pdf = await _renderer.RenderPdfAsync(Model("Hallo, waar blijft mijn bestelling? <b>nu</b>"), PackDocument.Transcript, Ct);

        var text = await Tool.PdfTextAsync(pdf, Ct);
        text.ShouldContain("Communication history — dispute dp_render_1");
        text.ShouldContain("The customer did not contact support between 2026-01-01");
        text.ShouldContain("Hallo, waar blijft mijn bestelling? <b>nu</b>");
        text.ShouldContain("2026-10-02 11:00 UTC · email · from customer · Vraag");
        text.ShouldContain("VL-42");
        text.ShouldNotContain("Prior undisputed orders");
        text.ShouldNotContain("Service and delivery report");
        (await Tool.PdfInfoAsync(pdf, Ct)).ShouldContain("Title:           Dispute dp_render_1 — communication transcript");
        await Tool.QpdfCheckAsync(pdf, Ct);
    }

    [Fact]
    public async Task RenderPdf_Policy_EveryRuleInEnglishAndAsPublished_WithTheAcceptance()
    {
        var pdf = await _renderer.RenderPdfAsync(Model("x"), PackDocument.Policy, Ct);

        // Lines as wrapped on the page, joined back into running text.
        var text = (await Tool.PdfTextAsync(pdf, Ct)).ReplaceLineEndings(" ");
        text.ShouldContain("Refund policy — dispute dp_render_1");
        text.ShouldContain("viplikes.net refund policy, version 2025-10-02");
        text.ShouldContain("from IP address 81.2.3.4, shown in language 'nl'");
        text.IndexOf("§2", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("§5", StringComparison.Ordinal));
        text.ShouldContain("As published (nl): Voordat u een geschil");
        text.ShouldContain("Chargebacks without contacting support may lead to suspension.");
        text.ShouldNotContain("Communication history");
        (await Tool.PdfInfoAsync(pdf, Ct)).ShouldContain("Title:           Dispute dp_render_1 — refund policy");
        await Tool.QpdfCheckAsync(pdf, Ct);
    }

    [Fact]
    public async Task Budget_WhatIsAlreadySpentCounts_ADocumentThatDoesNotFitTheRestIsRefusedWithSizes()
    {
        var budget = new PackBudget(_renderer, maxPages: 19, maxBytes: 4_000_000);

        var fits = await budget.RenderAsync(_ => Model("x"), PackDocument.Policy, new PackBudget.Spent(17, 300_000), PackBudget.Tighter.None, Ct);
        var full = await budget.RenderAsync(_ => Model("x"), PackDocument.Policy, new PackBudget.Spent(19, 300_000), PackBudget.Tighter.None, Ct);
        var tooBig = await budget.RenderAsync(_ => Model("x"), PackDocument.Transcript, new PackBudget.Spent(2, 3_999_000), PackBudget.Tighter.None, Ct);

        fits.OverBudget.ShouldBeNull();
        fits.Pages.ShouldBeLessThanOrEqualTo(2);
        full.OverBudget.ShouldNotBeNull();
        full.OverBudget.ShouldContain($"refund policy would be {(full.Pages == 1 ? "1 page" : $"{full.Pages} pages")} and");
        full.OverBudget.ShouldContain("with the 19 pages and 300,000 bytes already sent");
        tooBig.OverBudget.ShouldNotBeNull();
        tooBig.OverBudget.ShouldContain("communication transcript");
        tooBig.OverBudget.ShouldContain("budget of 19 pages and 4,000,000 bytes");
    }

    [Fact]
    public async Task Budget_TooSmallForAnyPack_SaysWhyAndHowBig()
    {
        var pack = await new PackBudget(_renderer, maxPages: 2, maxBytes: 4_000_000).RenderAsync(_ => Model("x"), Ct);

        pack.OverBudget.ShouldNotBeNull();
        pack.OverBudget.ShouldContain($"{pack.Pages} pages");
        pack.OverBudget.ShouldContain("budget of 2 pages");
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
        const string body = "こんにちは 안녕하세요 <script>alert(1)</script> {{title}} Søren Ærø Élodie — Привет мир — Καλημέρα — 你好世界 — مرحبا بالعالم — 👍🎉";

        var text = await Tool.PdfTextAsync(await _renderer.RenderPdfAsync(Model(body), Ct), Ct);

        text.ShouldContain("<script>alert(1)</script>");
        text.ShouldContain("{{title}}");
        text.ShouldContain("Søren Ærø Élodie");
        text.ShouldContain("Привет мир");
        text.ShouldContain("Καλημέρα");
        text.ShouldContain("你好世界");
        text.ShouldContain("こんにちは");
        text.ShouldContain("안녕하세요");
        text.ShouldContain("مرحبا", Case.Sensitive, "Arabic prints (pdftotext may reorder right-to-left words, so one word is checked)");
        text.ShouldContain("👍");
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

/// <summary>The printer's own failures: a pack that never loads, and a browser that dies.</summary>
public sealed class ChromiumPrinterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Print_PageThatNeverLoads_TimesOutWithAClearMessage_AndThePrinterGoesOn()
    {
        // A server on 127.0.0.1 that accepts the image request and never answers.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var held = new List<System.Net.Sockets.TcpClient>();
        _ = Task.Run(async () =>
        {
            while (!Ct.IsCancellationRequested)
            {
                held.Add(await listener.AcceptTcpClientAsync(Ct));
            }
        }, Ct);
        await using var printer = new ChromiumPrinter(new RenderingOptions { PackTimeoutSeconds = 2 });

        var error = await Should.ThrowAsync<TimeoutException>(() => printer.PrintAsync($"<p>slow</p><img src=\"http://127.0.0.1:{port}/never.png\">", "x", Ct));

        error.Message.ShouldContain("2 s (Rendering:PackTimeoutSeconds)");
        var text = await Tool.PdfTextAsync(await printer.PrintAsync("<p>next pack</p>", "x", Ct), Ct);
        text.ShouldContain("next pack");
        held.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Print_ManyPacksThroughReusedPages_EachHasOnlyItsOwnContent()
    {
        await using var printer = new ChromiumPrinter(new RenderingOptions { MaxConcurrency = 2 });

        var texts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
            await Tool.PdfTextAsync(await printer.PrintAsync($"<h1>pack number {i}</h1>", $"footer {i}", Ct), Ct)));

        for (var i = 0; i < texts.Length; i++)
        {
            texts[i].ShouldContain($"pack number {i}");
            texts[i].ShouldContain($"footer {i}");
            Enumerable.Range(0, texts.Length).Where(j => j != i).ShouldAllBe(j => !texts[i].Contains($"number {j}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Print_AfterTheBrowserWasKilled_LaunchesAFreshOne()
    {
        await using var printer = new ChromiumPrinter(new RenderingOptions());
        await printer.PrintAsync("<p>first</p>", "x", Ct);

        var killed = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && File.Exists(Path.Combine(dir, "cmdline"))
                && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(printer.InstanceMarker, StringComparison.Ordinal))
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill();
                    killed++;
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }

        killed.ShouldBeGreaterThan(0, "the printer's browser process was found and killed");
        await Task.Delay(500, Ct);

        // The first print after the death may fail with the dead connection; the printer must recover by the next.
        string? text = null;
        for (var attempt = 0; attempt < 2 && text is null; attempt++)
        {
            try
            {
                text = await Tool.PdfTextAsync(await printer.PrintAsync("<p>after the crash</p>", "x", Ct), Ct);
            }
            catch (Microsoft.Playwright.PlaywrightException) when (attempt == 0)
            {
            }
        }

        text.ShouldNotBeNull().ShouldContain("after the crash");
    }
}
