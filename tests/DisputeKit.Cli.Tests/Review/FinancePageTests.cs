using System.Net;
using System.Text.RegularExpressions;
using Shouldly;

namespace DisputeKit.Cli.Tests.Review;

/// <summary>
/// Finance's pages over HTTP against the real <c>disputekit serve</c>: each role may do only its
/// own actions (403 otherwise, nothing changed anywhere), every action needs the form token, and
/// the queue filters, counts and pages.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed partial class FinancePageTests(ReviewFixture review)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex("href=\"/disputes/(dp_[A-Za-z0-9]+)\"")]
    private static partial Regex CaseLink();

    private async Task<HttpClient> SignedIn(string name)
    {
        var client = SignInForm.Client(review.BaseUrl, out _);
        using var response = await SignInForm.PostAsync(client, Ct, ("name", name), ("password", ReviewFixture.Password));
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        return client;
    }

    /// <summary>A staged case with its deadline ahead, the last by deadline (the browser test submits the first).</summary>
    private string LastStaged() => Directory.GetFiles(Path.Combine(review.Data, "cases"), "*.json")
        .Select(f => review.Case(Path.GetFileNameWithoutExtension(f)))
        .Where(c => c["state"]!.GetValue<string>() == "staged")
        .OrderBy(c => c["due_by"]!.GetValue<DateTimeOffset>()).ThenBy(c => c["dispute_id"]!.GetValue<string>(), StringComparer.Ordinal).Last()["dispute_id"]!.GetValue<string>();

    private static async Task<string> CsrfAsync(HttpClient client, string path) => CsrfField().Match(await client.GetStringAsync(path, Ct)).Groups[1].Value;

    [Fact]
    public async Task Home_FinanceToTheQueue_QueueIsEveryOpenCase_MostUrgentFirst_Counted()
    {
        using var finance = await SignedIn("fiona");
        using var home = await finance.GetAsync("/", Ct);
        home.Headers.Location!.ToString().ShouldBe("/disputes");

        var page = await finance.GetStringAsync("/disputes?state=all", Ct);
        var cases = Directory.GetFiles(Path.Combine(review.Data, "cases"), "*.json").Length;
        page.ShouldContain($"{cases} of {cases} cases");
        var ids = CaseLink().Matches(page).Select(m => m.Groups[1].Value).ToList();
        ids.Count.ShouldBe(Math.Min(cases, 50));

        // Deadlines ahead first, soonest first (the sample set's deadlines are all ahead of its replay time, or none).
        var dues = ids.Select(id => review.Case(id)["due_by"]?.GetValue<DateTimeOffset>()).ToList();
        var ahead = dues.TakeWhile(d => d is not null).ToList();
        ahead.ShouldBe(ahead.OrderBy(d => d).ToList());
        dues.Skip(ahead.Count).ShouldAllBe(d => d == null);

        // Filters: the staged ones, and a bad filter named.
        var staged = await finance.GetStringAsync("/disputes?state=staged", Ct);
        var stagedCount = Directory.GetFiles(Path.Combine(review.Data, "cases"), "*.json").Count(f => review.Case(Path.GetFileNameWithoutExtension(f))["state"]!.GetValue<string>() == "staged");
        staged.ShouldContain($"{stagedCount} of {cases} cases");
        CaseLink().Matches(staged).Select(m => m.Groups[1].Value).ShouldAllBe(id => review.Case(id)["state"]!.GetValue<string>() == "staged");
        using var bad = await finance.GetAsync("/disputes?state=won&due=3", Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("There is no case state 'won'");
    }

    [Fact]
    public async Task Support_RefusedOnSubmitAcceptHoldPreview_403_NothingChanged()
    {
        var id = LastStaged();
        using var support = await SignedIn("ana");
        var token = await CsrfAsync(support, $"/disputes/{id}");
        var cases = review.CaseFiles();
        var submits = review.StripePosts($"/v1/disputes/{id}").Count();

        (await support.GetAsync($"/disputes/{id}/submit", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        foreach (var (action, fields) in new (string, (string, string)[])[]
        {
            ("submit", [("confirm", "yes")]), ("accept", [("confirm", "yes")]), ("hold", [("action", "hold"), ("note", "support tries")]), ("preview", []),
        })
        {
            using var response = await support.PostAsync($"/disputes/{id}/{action}", SignInForm.Form([.. fields, ("csrf", token)]), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, action);
            (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("only finance may");
        }

        review.CaseFiles().ShouldBe(cases);
        review.StripePosts($"/v1/disputes/{id}").Count().ShouldBe(submits);

        // The case page shows support no dispute actions.
        var page = await support.GetStringAsync($"/disputes/{id}", Ct);
        page.ShouldNotContain($"/disputes/{id}/submit");
        page.ShouldNotContain($"action=\"/disputes/{id}/hold\"");
    }

    [Fact]
    public async Task Viewer_SeesNoButtons_AndIsRefusedEveryAction()
    {
        var id = LastStaged();
        using var viewer = await SignedIn("vic");
        var page = await viewer.GetStringAsync($"/disputes/{id}", Ct);
        page.ShouldContain($"Dispute {id}");
        Regex.Count(page, "<form ").ShouldBe(1, "the sign-out form only");
        Regex.Count(page, "<button ").ShouldBe(1, "sign out only");
        page.ShouldNotContain("class=\"button\"");

        var token = CsrfField().Match(page).Groups[1].Value;
        var cases = review.CaseFiles();
        var flags = review.FlagFiles();
        using var hold = await viewer.PostAsync($"/disputes/{id}/hold", SignInForm.Form(("action", "hold"), ("csrf", token)), Ct);
        hold.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var customer = review.Proposed[0].Customer;
        var flagPage = await viewer.GetStringAsync($"/flags/{customer}", Ct);
        flagPage.ShouldNotContain("/confirm\"");
        using var confirm = await viewer.PostAsync($"/flags/{customer}/note", SignInForm.Form(("text", "a viewer writes"), ("csrf", token)), Ct);
        confirm.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        review.CaseFiles().ShouldBe(cases);
        review.FlagFiles().ShouldBe(flags);
    }

    [Fact]
    public async Task Finance_EveryActionWithoutTheFormToken_403_NothingChanged_FlagsAreSupports()
    {
        var id = LastStaged();
        using var finance = await SignedIn("fiona");
        var cases = review.CaseFiles();
        var flags = review.FlagFiles();
        var posts = review.StripePosts($"/v1/disputes/{id}").Count() + review.StripePosts($"/v1/disputes/{id}/close").Count();
        foreach (var action in new[] { "submit", "accept", "hold", "preview" })
        {
            using var response = await finance.PostAsync($"/disputes/{id}/{action}", SignInForm.Form(("confirm", "yes"), ("action", "hold")), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, action);
            (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("security token is missing or wrong");
        }

        // Finance answers disputes; deciding on flags is support's.
        var token = await CsrfAsync(finance, $"/disputes/{id}");
        using var confirm = await finance.PostAsync($"/flags/{review.Proposed[0].Customer}/lift", SignInForm.Form(("reason", "finance tries"), ("csrf", token)), Ct);
        confirm.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await confirm.Content.ReadAsStringAsync(Ct)).ShouldContain("only support may lift flags");

        review.CaseFiles().ShouldBe(cases);
        review.FlagFiles().ShouldBe(flags);
        (review.StripePosts($"/v1/disputes/{id}").Count() + review.StripePosts($"/v1/disputes/{id}/close").Count()).ShouldBe(posts);
    }

    [Fact]
    public async Task Finance_HoldWithANote_ThenRelease_InTheAuditTrailAsThePerson()
    {
        var id = LastStaged();
        using var finance = await SignedIn("fiona");
        var token = await CsrfAsync(finance, $"/disputes/{id}");

        using var hold = await finance.PostAsync($"/disputes/{id}/hold", SignInForm.Form(("action", "hold"), ("note", "waiting for the shop's logs"), ("csrf", token)), Ct);
        hold.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        review.Case(id)["on_hold"]!.GetValue<bool>().ShouldBeTrue();
        (await finance.GetStringAsync($"/disputes/{id}", Ct)).ShouldContain("put on hold by fiona (finance): waiting for the shop&#x27;s logs");

        using var release = await finance.PostAsync($"/disputes/{id}/hold", SignInForm.Form(("action", "release"), ("csrf", token)), Ct);
        release.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        review.Case(id)["on_hold"]?.GetValue<bool>().ShouldNotBe(true);
        review.Case(id)["audit"]!.AsArray().Select(a => a!["cause"]!.GetValue<string>()).ShouldContain("hold released by fiona (finance)");
    }

    [Fact]
    public async Task Finance_FreshPreview_RenderedByChromium_ViewableFromTheCase_NothingSent()
    {
        var id = LastStaged();
        using var finance = await SignedIn("fiona");
        var token = await CsrfAsync(finance, $"/disputes/{id}");
        var cases = review.CaseFiles();
        var files = review.StripePosts("/v1/files").Count();
        (await finance.GetAsync($"/disputes/{id}/preview.pdf", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var preview = await finance.PostAsync($"/disputes/{id}/preview", SignInForm.Form(("csrf", token)), Ct);
        preview.StatusCode.ShouldBe(HttpStatusCode.SeeOther);

        var page = WebUtility.HtmlDecode(await finance.GetStringAsync($"/disputes/{id}", Ct));
        page.ShouldMatch("A fresh preview was rendered from the records as they are now: [0-9]+ pages, [0-9]+ KB. Nothing was sent.");
        page.ShouldContain($"href=\"/disputes/{id}/preview.pdf\"");
        var pdf = await finance.GetByteArrayAsync($"/disputes/{id}/preview.pdf", Ct);
        pdf.AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        review.CaseFiles().ShouldBe(cases);
        review.StripePosts("/v1/files").Count().ShouldBe(files);
    }

    [Fact]
    public async Task Outcomes_PageCsvAndReportCommand_SameNumbers_ForEveryRole()
    {
        using var viewer = await SignedIn("vic");
        var page = await viewer.GetStringAsync("/outcomes", Ct);
        var csv = await viewer.GetStringAsync("/outcomes.csv", Ct);
        var json = await review.RunAsync(Ct, "report", "--json");
        var command = await review.RunAsync(Ct, "report", "--csv");
        json.ExitCode.ShouldBe(0, json.Error);

        csv.ShouldBe(command.Output);
        var fromJson = System.Text.Json.Nodes.JsonNode.Parse(json.Output)!["tables"]!.AsArray()
            .Select(t => t!["rows"]!.AsArray().Select(r => string.Join('|', r!["group"]!.GetValue<string>(), r["currency"]!.GetValue<string>().ToUpperInvariant(),
                r["disputes"], r["closed"], r["fought"], r["won"])).ToList()).ToList();
        var fromPage = OutcomesPageRows.Counts(page);
        fromPage.ShouldBe(fromJson);
        fromJson.Sum(t => t.Count).ShouldBeGreaterThan(5);
        Regex.Count(page, "<svg role=\"img\"").ShouldBe(7);
        var volume = await viewer.GetStringAsync("/outcomes.csv?table=volume", Ct);
        var months = System.Text.Json.Nodes.JsonNode.Parse(json.Output)!["volume"]!.AsArray();
        volume.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ShouldBe(
            months.Select(m => $"{m!["month"]!.GetValue<string>()},{m["orders"]},{m["disputes"]},{(m["dispute_rate"] is { } r ? r.GetValue<double>().ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}"));

        // One table's CSV, and a period with nothing in it.
        var reasons = await viewer.GetStringAsync("/outcomes.csv?table=reason", Ct);
        reasons.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ShouldAllBe(l => l.StartsWith("reason,", StringComparison.Ordinal));
        (await viewer.GetStringAsync("/outcomes?from=2030-01-01", Ct)).ShouldContain("No dispute was opened in this period.");
        (await viewer.GetAsync("/outcomes?from=2026-02-30", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
