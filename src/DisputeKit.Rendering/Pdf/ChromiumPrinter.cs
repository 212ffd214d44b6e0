using Microsoft.Playwright;

namespace DisputeKit.Rendering.Pdf;

/// <summary>
/// Prints HTML to PDF in one warm headless Chromium, reused across packs, with bounded
/// concurrency (one reusable page per slot), a timeout per pack and a fresh browser when the old one died.
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
    private IBrowserContext? _context;
    private readonly System.Collections.Concurrent.ConcurrentBag<IPage> _idle = [];

    public async Task<byte[]> PrintAsync(string html, string footerLabel, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        IPage? page = null;
        var reusable = false;
        try
        {
            page = await PageAsync(cancellationToken);
            var timeout = options.PackTimeoutSeconds * 1000f;
            try
            {
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = timeout });
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"The pack did not finish loading within {options.PackTimeoutSeconds} s (Rendering:PackTimeoutSeconds); nothing was printed.", e);
            }

            var pdf = await page.PdfAsync(new PagePdfOptions
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
            reusable = true;
            return pdf;
        }
        finally
        {
            // A page that printed is kept for the next pack (its content is replaced whole); one
            // that failed or timed out is closed, so nothing half-loaded is ever reused.
            if (page is not null)
            {
                if (reusable && !page.IsClosed)
                {
                    _idle.Add(page);
                }
                else
                {
                    await CloseQuietlyAsync(page);
                }
            }

            _slots.Release();
        }
    }

    /// <summary>An idle page of the live browser, or a new one: at most one page per concurrency slot.</summary>
    private async Task<IPage> PageAsync(CancellationToken cancellationToken)
    {
        var browser = await BrowserAsync(cancellationToken);
        while (_idle.TryTake(out var idle))
        {
            if (!idle.IsClosed && idle.Context.Browser == browser)
            {
                return idle;
            }

            await CloseQuietlyAsync(idle);
        }

        var page = await _context!.NewPageAsync();
        page.SetDefaultTimeout(options.PackTimeoutSeconds * 1000f);
        return page;
    }

    private static async Task CloseQuietlyAsync(IPage page)
    {
        try
        {
            await page.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // The page went with its browser.
        }
    }

    /// <summary>
    /// Starts Playwright's driver and Chromium now. A long-running process (<c>run</c>) does this
    /// before it serves or logs anything: Playwright sets the console's output encoding while it
    /// starts its driver, and doing that while another thread writes a log line can leave both
    /// threads waiting on each other inside System.Console for ever.
    /// </summary>
    public Task WarmAsync(CancellationToken cancellationToken) => BrowserAsync(cancellationToken);

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
            _context = await _browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
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
