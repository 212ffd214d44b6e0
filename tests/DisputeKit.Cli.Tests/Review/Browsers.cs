using DisputeKit.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace DisputeKit.Cli.Tests.Review;

/// <summary>The system Chromium as the browser tests drive it, and the screenshots they keep.</summary>
internal static class Browsers
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });

    /// <summary>Saves a screenshot to the temporary folder; with DISPUTEKIT_UPDATE_SCREENSHOTS=1 it replaces the one in docs/images.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage, CancellationToken cancellationToken)
    {
        var shot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = fullPage });
        shot.Length.ShouldBeGreaterThan(10_000);
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "dk-" + name), shot, cancellationToken);
        if (Environment.GetEnvironmentVariable("DISPUTEKIT_UPDATE_SCREENSHOTS") == "1")
        {
            await File.WriteAllBytesAsync(Path.Combine(RepoPaths.Root, "docs", "images", name), shot, cancellationToken);
        }
    }
}
