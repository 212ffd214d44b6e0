using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Shouldly;

namespace DisputeKit.Cli.Tests.Review;

/// <summary>
/// Support's path through the review page in the system Chromium: sign in with the keyboard,
/// filter, open a flag, confirm it (the shop's webhook gets one signed call), lift it. Saves a
/// screenshot of the list and of the flag page; with DISPUTEKIT_UPDATE_SCREENSHOTS=1 they
/// replace the ones in docs/images.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class ReviewBrowserTests(ReviewFixture review)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Browser_SignInFilterOpenConfirmLift_ShopGetsOneSignedCallEach()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, d) =>
        {
            dialogs++;
            _ = d.DismissAsync();
        };
        var customer = review.ScriptCustomer;
        var reason = review.Proposed.Single(p => p.Customer == customer).Reasons[0];

        // Nothing without signing in: the list answers with the sign-in form. Signed in with the keyboard alone.
        var first = await page.GotoAsync(new Uri(review.BaseUrl, "/flags").ToString());
        first!.Status.ShouldBe(401);

        // Keys typed before the page has focused its name field (autofocus) would be lost.
        await Assertions.Expect(page.Locator("#name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("ana");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(ReviewFixture.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Flagged accounts" }).WaitForAsync();

        // Filter: proposed flags with this dispute reason.
        await page.GetByLabel("State").SelectOptionAsync("proposed");
        await page.GetByLabel("Dispute reason").SelectOptionAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("reason=" + reason, StringComparison.Ordinal));
        var rows = page.Locator("table.flags tbody tr");
        (await rows.CountAsync()).ShouldBe(review.Proposed.Count(p => p.Reasons.Contains(reason)));
        await Browsers.ScreenshotAsync(page, "review-list.png", fullPage: false, Ct);

        // The flag: the customer's name (a script tag) shows as text.
        await page.Locator($"a[href='/flags/{customer}']").ClickAsync();
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        (await heading.InnerTextAsync()).ShouldBe(ReviewFixture.ScriptName);
        (await page.Locator("script").CountAsync()).ShouldBe(0);
        await Browsers.ScreenshotAsync(page, "review-flag.png", fullPage: true, Ct);

        // Confirm: suspend.
        var before = review.Shop.Calls.Count;
        await page.GetByLabel("Suspend the account").CheckAsync();
        await page.Locator("#confirm-reason").FillAsync("Disputed without contacting support; delivery complete.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "is confirmed" }).WaitForAsync();
        var confirmCalls = review.Shop.Calls.Skip(before).ToList();
        confirmCalls.Count.ShouldBe(1);
        var body = JsonNode.Parse(confirmCalls[0].Body)!;
        body["type"]!.GetValue<string>().ShouldBe("account.suspend");
        body["customer_id"]!.GetValue<string>().ShouldBe(customer);
        confirmCalls[0].VerifiesWith(ReviewFixture.Secret).ShouldBeTrue();

        // Lift: the shop is asked to restore the account.
        await page.Locator("#lift-reason").FillAsync("The customer wrote in and withdrew the dispute.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lift" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "is lifted" }).WaitForAsync();
        var liftCalls = review.Shop.Calls.Skip(before + 1).ToList();
        liftCalls.Count.ShouldBe(1);
        JsonNode.Parse(liftCalls[0].Body)!["type"]!.GetValue<string>().ShouldBe("account.restore");
        liftCalls[0].VerifiesWith(ReviewFixture.Secret).ShouldBeTrue();

        // Recorded as the command line shows it: who, when, why.
        var flag = await review.FlagAsync(customer, Ct);
        flag["state"]!.GetValue<string>().ShouldBe("lifted");
        flag["history"]!.AsArray().Where(h => h!["by_person"]!.GetValue<bool>())
            .Select(h => (h!["to"]!.GetValue<string>(), h["by"]!.GetValue<string>())).ShouldBe([("confirmed", "ana"), ("lifted", "ana")]);
        (await page.Locator("form[action$='/confirm']").CountAsync()).ShouldBe(0);
        dialogs.ShouldBe(0);
    }
}
