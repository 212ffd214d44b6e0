using Microsoft.Playwright;
using Shouldly;

namespace DisputeKit.Cli.Tests.Review;

/// <summary>
/// Finance's path in the system Chromium, with the keyboard alone: sign in, filter the queue to
/// staged cases, open the most urgent, see its pack, submit it after the confirmation (the
/// local Stripe fake gets exactly one <c>submit=true</c>), and accept another. Saves screenshots
/// of the queue and the case (the outcomes page's is taken on a year of outcomes, OutcomesHistoryTests); with DISPUTEKIT_UPDATE_SCREENSHOTS=1 they replace the ones in docs/images.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class FinanceBrowserTests(ReviewFixture review)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Browser_FinanceWithTheKeyboard_OpensTheMostUrgent_SubmitsOnce_AcceptsAnother()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        // Signed in with the keyboard; finance lands on the queue.
        await page.GotoAsync(review.BaseUrl.ToString());
        await Assertions.Expect(page.Locator("#name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("fiona");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(ReviewFixture.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Disputes", Exact = true }).WaitForAsync();
        page.Url.ShouldEndWith("/disputes");
        await Browsers.ScreenshotAsync(page, "disputes-queue.png", fullPage: false, Ct);

        // The filter, with the keyboard: state "staged", then the Filter button.
        await TabToAsync(page, page.GetByLabel("State"));
        await page.GetByLabel("State").SelectOptionAsync("staged");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Filter" }));
        await page.Keyboard.PressAsync("Enter");
        // The page's address, polled: waiting for the navigation itself once timed out with the filtered page already there.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("state=staged"));

        // The first row is the staged case due soonest (ties by id).
        var staged = Directory.GetFiles(Path.Combine(review.Data, "cases"), "*.json").Select(f => review.Case(Path.GetFileNameWithoutExtension(f)))
            .Where(c => c["state"]!.GetValue<string>() == "staged")
            .OrderBy(c => c["due_by"]!.GetValue<DateTimeOffset>()).ThenBy(c => c["dispute_id"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
        var id = staged[0]["dispute_id"]!.GetValue<string>();
        await Assertions.Expect(page.Locator("p.count")).ToContainTextAsync($"{staged.Count} of ");
        var first = page.Locator("table.queue tbody tr a").First;
        await Assertions.Expect(first).ToHaveTextAsync(id);
        await TabToAsync(page, first);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Dispute {id}" }).WaitForAsync();

        // The pack is in the page, and is the kept PDF.
        var frame = page.Locator("iframe.pack");
        (await frame.GetAttributeAsync("src")).ShouldBe($"/disputes/{id}/pack.pdf");
        var pdf = await context.APIRequest.GetAsync(new Uri(review.BaseUrl, $"/disputes/{id}/pack.pdf").ToString());
        pdf.Status.ShouldBe(200);
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        (await pdf.BodyAsync()).AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        await Browsers.ScreenshotAsync(page, "disputes-case.png", fullPage: false, Ct);

        // Submit: the confirmation shows what Stripe holds and will send; only the confirmation sends it.
        var submitsBefore = SubmitsOf(id);
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Review and submit…" }));
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Submit the evidence for {id}" }).WaitForAsync();
        (await page.Locator("table.evidence").InnerTextAsync()).ShouldContain("the evidence pack");
        (await page.Locator("p.warn").First.InnerTextAsync()).ShouldContain("cannot be undone");
        SubmitsOf(id).ShouldBe(submitsBefore);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit to the bank" }));
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "evidence submitted to the bank" }).WaitForAsync();
        SubmitsOf(id).ShouldBe(submitsBefore + 1);
        review.Case(id)["state"]!.GetValue<string>().ShouldBe("submitted");
        review.Case(id)["audit"]!.AsArray().Select(a => a!["cause"]!.GetValue<string>()).ShouldContain("evidence submitted to the bank (submitted by fiona (finance))");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Review and submit…" }).CountAsync()).ShouldBe(0);

        // Accept another: a case set aside for a person, still open on Stripe.
        var other = Directory.GetFiles(Path.Combine(review.Data, "cases"), "*.json").Select(f => review.Case(Path.GetFileNameWithoutExtension(f)))
            .Where(c => c["state"]!.GetValue<string>() == "set_aside" && c["status"]!.GetValue<string>() == "needs_response" && c["compliance"] is null)
            .Select(c => c["dispute_id"]!.GetValue<string>()).Order(StringComparer.Ordinal).First();
        await page.GotoAsync(new Uri(review.BaseUrl, $"/disputes/{other}").ToString());
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Accept…" }));
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Accept dispute {other}" }).WaitForAsync();
        review.StripePosts($"/v1/disputes/{other}/close").Count().ShouldBe(0);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Accept the dispute" }));
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "accepted" }).WaitForAsync();
        review.StripePosts($"/v1/disputes/{other}/close").Count().ShouldBe(1);
        review.Case(other)["state"]!.GetValue<string>().ShouldBe("accepted");
        review.Case(other)["audit"]!.AsArray().Select(a => a!["cause"]!.GetValue<string>()).ShouldContain("dispute accepted by fiona (finance)");

        // What fighting earns, from the header's link.
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Outcomes" }));
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Outcomes", Exact = true }).WaitForAsync();
        (await page.Locator("section.report svg").CountAsync()).ShouldBe(7, "six groupings and the disputes against orders");
    }

    private int SubmitsOf(string id) => review.StripePosts($"/v1/disputes/{id}").Count(r => r["Form"]?["submit"]?.GetValue<string>() == "true");

    /// <summary>Presses Tab until <paramref name="target"/> has the focus: it is reachable with the keyboard, in a bounded number of steps.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new ShouldAssertException($"{target} was not reached with Tab in 80 steps.");
    }
}
