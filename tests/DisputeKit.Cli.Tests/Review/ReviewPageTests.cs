using System.Net;
using System.Text.RegularExpressions;
using Shouldly;

namespace DisputeKit.Cli.Tests.Review;

/// <summary>
/// The review page over HTTP against the real <c>disputekit serve</c>: nothing without a session,
/// nothing changed without the form token, customer text escaped.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed partial class ReviewPageTests(ReviewFixture review)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true }) { BaseAddress = review.BaseUrl };
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private async Task<HttpClient> SignedIn(string name = "ana")
    {
        var client = Client(out _);
        using var response = await client.PostAsync("/signin", Form(("name", name), ("password", ReviewFixture.Password)), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        return client;
    }

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex("name=\"flag\" value=\"([^\"]+)\"")]
    private static partial Regex FlagField();

    /// <summary>A proposed flag no other test acts on.</summary>
    private string Untouched => review.Proposed.Where(p => p.Severity != "review" && p.Customer != review.ScriptCustomer)
        .Select(p => p.Customer).Order(StringComparer.Ordinal).Last();

    [Theory]
    [InlineData("/flags")]
    [InlineData("/flags?state=all")]
    [InlineData("/flags/{customer}")]
    [InlineData("/disputes/{dispute}/pack.pdf")]
    public async Task Get_WithoutSession_401SignInForm_NoFlagData(string path)
    {
        using var client = Client(out _);
        var flag = await review.FlagAsync(Untouched, Ct);
        var url = path.Replace("{customer}", Untouched, StringComparison.Ordinal)
            .Replace("{dispute}", flag["disputes"]![0]!["dispute_id"]!.GetValue<string>(), StringComparison.Ordinal);

        using var response = await client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        // The sign-in form keeps the address to return to, and nothing of the flag.
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        body.ShouldContain("action=\"/signin\"");
        body.ShouldNotContain("<table");
        body.ShouldNotContain("name=\"csrf\"");
        body.ShouldNotContain("Dispute dp_");
        body.ShouldNotContain("%PDF");
    }

    [Fact]
    public async Task SignIn_WrongPassword_401_NoSession()
    {
        using var client = Client(out var cookies);

        using var wrong = await client.PostAsync("/signin", Form(("name", "ana"), ("password", "correct horse battery!")), Ct);
        using var unknown = await client.PostAsync("/signin", Form(("name", "mallory"), ("password", ReviewFixture.Password)), Ct);
        using var after = await client.GetAsync("/flags", Ct);

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("Wrong name or password.");
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        cookies.GetCookies(review.BaseUrl).ShouldBeEmpty();
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_RightPassword_SessionCookieHttpOnlySameSiteStrict_ListShown()
    {
        using var client = Client(out var cookies);

        using var signIn = await client.PostAsync("/signin", Form(("name", "ana"), ("password", ReviewFixture.Password), ("return", "/flags?state=all")), Ct);
        using var list = await client.GetAsync(signIn.Headers.Location!.ToString(), Ct);

        signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        signIn.Headers.Location!.ToString().ShouldBe("/flags?state=all");
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single();
        setCookie.ShouldContain("httponly", Case.Insensitive);
        setCookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookies.GetCookies(review.BaseUrl).Count.ShouldBe(1);
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        list.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
        var html = await list.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Signed in as <strong>ana</strong>");
        foreach (var (customer, _, _) in review.Proposed)
        {
            html.ShouldContain($"href=\"/flags/{customer}\"");
        }
    }

    [Fact]
    public async Task SignIn_OffSiteReturn_GoesToTheList()
    {
        using var client = Client(out _);

        using var signIn = await client.PostAsync("/signin", Form(("name", "ana"), ("password", ReviewFixture.Password), ("return", "//evil.example/x")), Ct);

        signIn.Headers.Location!.ToString().ShouldBe("/flags");
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/flags\r\nSet-Cookie: dk_review=stolen")]
    [InlineData("/\u200b/evil.example")]
    [InlineData("https://evil.example/")]
    public async Task SignIn_ReturnThatIsNotALocalPath_GoesToTheList(string back)
    {
        using var client = Client(out _);

        using var signIn = await client.PostAsync("/signin", Form(("name", "ana"), ("password", ReviewFixture.Password), ("return", back)), Ct);

        signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        signIn.Headers.Location!.ToString().ShouldBe("/flags");
    }

    [Theory]
    [InlineData("/flags/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/disputes/..%2Fcases%2Fx/pack.pdf")]
    [InlineData("/disputes/dp%20x/pack.pdf")]
    public async Task Get_IdThatCannotExist_404(string path)
    {
        using var client = await SignedIn();

        using var response = await client.GetAsync(path, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_WithoutSession_401_NothingChanged_ShopNotCalled()
    {
        using var signedIn = await SignedIn();
        var page = await signedIn.GetStringAsync($"/flags/{Untouched}", Ct);
        var before = review.FlagFiles();
        var calls = review.Shop.Calls.Count;
        using var anonymous = Client(out _);

        using var response = await anonymous.PostAsync($"/flags/{Untouched}/confirm", Form(
            ("csrf", CsrfField().Match(page).Groups[1].Value), ("flag", FlagField().Match(page).Groups[1].Value),
            ("action", "suspend"), ("reason", "no session")), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        review.FlagFiles().ShouldBe(before);
        review.Shop.Calls.Count.ShouldBe(calls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("forged-token")]
    [InlineData("other-session")]
    public async Task Post_WithoutTheFormToken_403_NothingChanged_ShopNotCalled(string? token)
    {
        using var client = await SignedIn();
        var page = await client.GetStringAsync($"/flags/{Untouched}", Ct);
        if (token == "other-session")
        {
            using var other = await SignedIn("bob");
            token = CsrfField().Match(await other.GetStringAsync($"/flags/{Untouched}", Ct)).Groups[1].Value;
        }

        var before = review.FlagFiles();
        var calls = review.Shop.Calls.Count;
        (string, string)[] fields = [("flag", FlagField().Match(page).Groups[1].Value), ("action", "suspend"), ("reason", "forged")];
        if (token is not null)
        {
            fields = [.. fields, ("csrf", token)];
        }

        using var confirm = await client.PostAsync($"/flags/{Untouched}/confirm", Form(fields), Ct);
        using var lift = await client.PostAsync($"/flags/{Untouched}/lift", Form(fields), Ct);
        using var note = await client.PostAsync($"/flags/{Untouched}/note", Form([.. fields, ("text", "forged")]), Ct);

        confirm.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        lift.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        note.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await confirm.Content.ReadAsStringAsync(Ct)).ShouldContain("nothing was changed");
        review.FlagFiles().ShouldBe(before);
        review.Shop.Calls.Count.ShouldBe(calls);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_TheOldCookieIsRefused()
    {
        using var client = await SignedIn();
        var page = await client.GetStringAsync("/flags", Ct);

        using var signOut = await client.PostAsync("/signout", Form(("csrf", CsrfField().Match(page).Groups[1].Value)), Ct);
        using var after = await client.GetAsync("/flags", Ct);

        signOut.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task FlagPage_CustomerNameWithScriptTag_ShownAsText()
    {
        using var client = await SignedIn();

        var page = await client.GetStringAsync($"/flags/{review.ScriptCustomer}", Ct);
        var list = await client.GetStringAsync("/flags?state=all", Ct);

        foreach (var html in new[] { page, list })
        {
            html.ShouldContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Mallory");
            html.ShouldNotContain("<script");
        }
    }

    [Theory]
    [InlineData("state=proposed")]
    [InlineData("state=all&age=under-7")]
    public async Task List_Filtered_OnlyMatchingFlags_MostMoneyFirst(string query)
    {
        using var client = await SignedIn();
        var reason = review.Proposed[0].Reasons[0];

        var html = await client.GetStringAsync($"/flags?{query}&reason={reason}", Ct);

        var shown = Regex.Matches(html, "href=\"/flags/([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var expected = review.Proposed.Where(p => p.Reasons.Contains(reason)).Select(p => p.Customer).ToList();
        shown.Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal));
        var amounts = Regex.Matches(html, "<td class=\"num\">([0-9]+\\.[0-9]{2}) [A-Z]{3}</td>").Select(m => decimal.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        amounts.Count.ShouldBe(shown.Count);
        amounts.ShouldBe(amounts.OrderByDescending(a => a).ToList());
    }

    [Fact]
    public async Task List_UnknownFilter_400Named()
    {
        using var client = await SignedIn();

        using var response = await client.GetAsync("/flags?state=closed", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Unknown flag state &#x27;closed&#x27;");
    }

    [Fact]
    public async Task Pack_SignedIn_LinkedWhenRendered_ThePdfTheCaseKeeps()
    {
        using var client = await SignedIn();
        var disputes = new List<(string Customer, string Dispute)>();
        foreach (var (customer, _, _) in review.Proposed)
        {
            var flag = await review.FlagAsync(customer, Ct);
            disputes.AddRange(flag["disputes"]!.AsArray().Select(d => (customer, d!["dispute_id"]!.GetValue<string>())));
        }

        string Kept(string dispute) => Path.Combine(review.Data, "packs", dispute + ".pdf");
        var (withPack, packed) = disputes.First(d => File.Exists(Kept(d.Dispute)));
        var (withoutPack, unpacked) = disputes.First(d => !File.Exists(Kept(d.Dispute)));

        (await client.GetStringAsync($"/flags/{withPack}", Ct)).ShouldContain($"href=\"/disputes/{packed}/pack.pdf\"");
        using var pdf = await client.GetAsync($"/disputes/{packed}/pack.pdf", Ct);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await pdf.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(await File.ReadAllBytesAsync(Kept(packed), Ct));
        (await client.GetStringAsync($"/flags/{withoutPack}", Ct)).ShouldNotContain($"/disputes/{unpacked}/pack.pdf");
        (await client.GetAsync($"/disputes/{unpacked}/pack.pdf", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

[CollectionDefinition(Name)]
public sealed class ReviewCollection : ICollectionFixture<ReviewFixture>
{
    public const string Name = "review page";
}
