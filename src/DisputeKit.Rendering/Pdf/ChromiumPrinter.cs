using Microsoft.Playwright;

namespace DisputeKit.Rendering.Pdf;

/// <summary>
/// Prints HTML to PDF in one warm headless Chromium, reused across packs, with bounded
/// concurrency, a timeout per pack and a fresh browser when the old one died.
/// </summary>
public sealed class ChromiumPrinter(RenderingOptions options) : IAsyncDisposable
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly SemaphoreSlim _slots = new(options.MaxConcurrency);

    /// <summary>A mark on this printer's browser command line, so its process can be told apart from others.</summary>
    public string InstanceMarker { get; } = "dk-printer-" + Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim _launch = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<byte[]> PrintAsync(string html, string footerLabel, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var browser = await BrowserAsync(cancellationToken);
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
            var page = await context.NewPageAsync();
            var timeout = options.PackTimeoutSeconds * 1000f;
            page.SetDefaultTimeout(timeout);
            try
            {
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = timeout });
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"The pack did not finish loading within {options.PackTimeoutSeconds} s (Rendering:PackTimeoutSeconds); nothing was printed.", e);
            }

            return await page.PdfAsync(new PagePdfOptions
            {
                Format = "A4",
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                FooterTemplate = "<div style=\"font-size:8px;width:100%;text-align:center;color:#666;font-family:sans-serif\">"
                    + System.Net.WebUtility.HtmlEncode(footerLabel)
                    + " · page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></div>",
                Margin = new Margin { Top = "14mm", Bottom = "16mm", Left = "14mm", Right = "14mm" },
            });
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } live)
        {
            return live;
        }

        await _launch.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } again)
            {
                return again;
            }

            if (!File.Exists(options.ChromiumPath))
            {
                throw new FileNotFoundException(
                    $"Chromium was not found at {options.ChromiumPath}: install it (apt-get install -y chromium) or set Rendering:ChromiumPath.");
            }

            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.ChromiumPath,
                Headless = true,
                Args = [.. Args, $"--class={InstanceMarker}"],
                Timeout = 60_000,
            });
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _slots.Dispose();
        _launch.Dispose();
    }
}
