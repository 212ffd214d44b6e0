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

    private HttpClient Client(out CookieContainer cookies, string from = "127.0.0.1") => SignInForm.Client(review.BaseUrl, out cookies, from);

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => SignInForm.Form(fields);

    private static Task<HttpResponseMessage> PostSignIn(HttpClient client, params (string Key, string Value)[] fields) => SignInForm.PostAsync(client, Ct, fields);

    private async Task<HttpClient> SignedIn(string name = "ana")
    {
        var client = Client(out _);
        using var response = await PostSignIn(client, ("name", name), ("password", ReviewFixture.Password));
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

        using var wrong = await PostSignIn(client, ("name", "ana"), ("password", "correct horse battery!"));
        using var unknown = await PostSignIn(client, ("name", "mallory"), ("password", ReviewFixture.Password));
        using var after = await client.GetAsync("/flags", Ct);

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("Wrong name or password.");
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        cookies.GetCookies(review.BaseUrl)["dk_review"].ShouldBeNull();
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_RightPassword_SessionCookieHttpOnlySameSiteStrict_ListShown()
    {
        using var client = Client(out var cookies);

        using var signIn = await PostSignIn(client, ("name", "ana"), ("password", ReviewFixture.Password), ("return", "/flags?state=all"));
        using var list = await client.GetAsync(signIn.Headers.Location!.ToString(), Ct);

        signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        signIn.Headers.Location!.ToString().ShouldBe("/flags?state=all");
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single();
        setCookie.ShouldContain("httponly", Case.Insensitive);
        setCookie.ShouldContain("samesite=strict", Case.Insensitive);
        setCookie.ShouldNotContain("secure", Case.Insensitive, "plain HTTP from an address that is no trusted proxy");
        cookies.GetCookies(review.BaseUrl)["dk_review"].ShouldNotBeNull();
        list.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
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
    public async Task SignIn_WithoutThePagesFormToken_400_NobodySignedIn()
    {
        // Login CSRF: another site posts the right name and password (its own account, say) to sign the victim in.
        using var client = Client(out var cookies);
        using var bare = await client.PostAsync("/signin", Form(("name", "ana"), ("password", ReviewFixture.Password)), Ct);

        // A token from another browser's form does not go with this browser's cookie.
        using var other = Client(out _);
        var othersToken = await SignInForm.TokenAsync(other, Ct);
        _ = await SignInForm.TokenAsync(client, Ct);
        using var foreign = await client.PostAsync("/signin", Form(("name", "ana"), ("password", ReviewFixture.Password), ("signin_token", othersToken)), Ct);

        foreach (var refused in new[] { bare, foreign })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            SignInForm.SessionCookie(refused).ShouldBeNull();
            (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("did not come from this page");
        }

        cookies.GetCookies(review.BaseUrl)["dk_review"].ShouldBeNull();
        (await client.GetAsync("/flags", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_ThroughTheTrustedProxyOverHttps_CookieSecure_Hsts_FromAnyOtherAddressHeadersIgnored()
    {
        // The fixture trusts 127.0.0.9 as its reverse proxy. Cookies are carried by hand: a Secure
        // cookie is not sent back over the plain HTTP the proxy speaks to the page.
        async Task<(HttpResponseMessage Form, HttpResponseMessage SignIn)> Through(string from)
        {
            using var client = Client(out _, from);
            using var page = new HttpRequestMessage(HttpMethod.Get, "/signin");
            Forwarded(page);
            var form = await client.SendAsync(page, Ct);
            var html = await form.Content.ReadAsStringAsync(Ct);
            var token = Regex.Match(html, "name=\"signin_token\" value=\"([^\"]+)\"").Groups[1].Value;
            using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
            {
                Content = Form(("name", "ana"), ("password", ReviewFixture.Password), ("signin_token", token)),
            };
            Forwarded(post);
            post.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
            return (form, await client.SendAsync(post, Ct));
        }

        static void Forwarded(HttpRequestMessage request)
        {
            request.Headers.Host = "review.example.com";
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        var (proxiedForm, proxied) = await Through("127.0.0.9");
        var (spoofedForm, spoofed) = await Through("127.0.0.1");

        proxied.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        proxied.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dk_review=", StringComparison.Ordinal)).ShouldContain("secure", Case.Insensitive);
        proxiedForm.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
        spoofed.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        spoofed.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dk_review=", StringComparison.Ordinal)).ShouldNotContain("secure", Case.Insensitive);
        spoofedForm.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task SignIn_OffSiteReturn_GoesHome_WhichForSupportIsTheFlags()
    {
        using var client = Client(out _);

        using var signIn = await PostSignIn(client, ("name", "ana"), ("password", ReviewFixture.Password), ("return", "//evil.example/x"));

        signIn.Headers.Location!.ToString().ShouldBe("/");
        using var home = await client.GetAsync("/", Ct);
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldBe("/flags");
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/flags\r\nSet-Cookie: dk_review=stolen")]
    [InlineData("/\u200b/evil.example")]
    [InlineData("https://evil.example/")]
    public async Task SignIn_ReturnThatIsNotALocalPath_GoesHome(string back)
    {
        using var client = Client(out _);

        using var signIn = await PostSignIn(client, ("name", "ana"), ("password", ReviewFixture.Password), ("return", back));

        signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        signIn.Headers.Location!.ToString().ShouldBe("/");
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
