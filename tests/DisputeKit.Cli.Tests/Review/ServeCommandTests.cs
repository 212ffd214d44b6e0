using System.Net;
using DisputeKit.Review;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Review;

using Cli = DisputeKit.Cli.Tests.Commands.Cli;

/// <summary><c>serve</c> and <c>hash-password</c> as a person setting up the review page meets them.</summary>
public sealed class ServeCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HashPassword_FromStandardInput_AHashThatVerifies_PasswordNotPrinted()
    {
        using var work = new TempFolder("hash");

        var run = await Cli.RunAsync(work.Path, new Dictionary<string, string>(), "a long enough secret\n", Ct, "hash-password");

        run.ExitCode.ShouldBe(0, run.Error);
        var hash = run.Output.Trim();
        PasswordHash.Verify("a long enough secret", hash).ShouldBeTrue();
        (run.Output + run.Error).ShouldNotContain("a long enough secret");
    }

    [Fact]
    public async Task HashPassword_TooShort_Exit2_NothingPrinted()
    {
        using var work = new TempFolder("hash");

        var run = await Cli.RunAsync(work.Path, new Dictionary<string, string>(), "short\n", Ct, "hash-password");

        run.ExitCode.ShouldBe(2);
        run.Output.ShouldBeEmpty();
        run.Error.ShouldContain("at least 12 characters");
    }

    [Fact]
    public async Task Serve_NobodyCanSignIn_Exit2_SaysHow()
    {
        using var work = new TempFolder("serve");

        var run = await Cli.RunAsync(work.Path, Cli.Settings(work.Sub("data")), Ct, "serve");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("The review page needs someone who can sign in");
        run.Error.ShouldContain("disputekit hash-password");
    }

    [Fact]
    public async Task Serve_BadSettings_Exit2_EachNamed_SecretsNotPrinted()
    {
        using var work = new TempFolder("serve");
        var settings = Cli.Settings(work.Sub("data"));
        settings["DisputeKit__Review__Users__ana"] = "hunter2hunter2";
        settings["DisputeKit__Review__Token"] = "tooshorttoken";
        settings["DisputeKit__Review__TrustedProxies__0"] = "10.0.0.1/8";

        var run = await Cli.RunAsync(work.Path, settings, Ct, "serve");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("DisputeKit:Review:Users:ana is not a password hash");
        run.Error.ShouldContain("DisputeKit:Review:Token is too short");
        run.Error.ShouldContain("DisputeKit:Review:TrustedProxies has '10.0.0.1/8'");
        run.Error.ShouldNotContain("hunter2hunter2");
        run.Error.ShouldNotContain("tooshorttoken");
    }

    [Fact]
    public async Task Serve_SignInsLimitedPerAddressAndInAll_NoStrangerCanLockAReviewerOut()
    {
        const string password = "a long enough secret";
        using var work = new TempFolder("serve-limits");
        var settings = Cli.Settings(work.Sub("data"));
        settings["DisputeKit__Review__Url"] = "http://127.0.0.1:0";
        settings["DisputeKit__Review__Users__ana"] = PasswordHash.Create(password);
        settings["DisputeKit__Review__SignInsPerAddress"] = "3";
        settings["DisputeKit__Review__SignInsInAll"] = "6";
        using var serve = await Cli.StartServingAsync(work.Path, settings, Ct, "serve");

        async Task<HttpResponseMessage> Attempt(string from, string name, string pass)
        {
            using var client = SignInForm.Client(serve.Url, out _, from);
            return await SignInForm.PostAsync(client, Ct, ("name", name), ("password", pass));
        }

        // A stranger at 127.0.0.2 guesses at ana, then at other names: three tries from that address, then 429 unchecked.
        (await Attempt("127.0.0.2", "ana", "guess 1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Attempt("127.0.0.2", "ANA", "guess 2")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Attempt("127.0.0.2", "bob", "guess 3")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var limited = await Attempt("127.0.0.2", "ana", password);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "even the right password, once the address has used its tries");
        limited.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        SignInForm.SessionCookie(limited).ShouldBeNull();
        (await limited.Content.ReadAsStringAsync(Ct)).ShouldContain("Too many sign-in attempts");

        // Ana, at her own address, is not locked out by any of it.
        (await Attempt("127.0.0.3", "ana", password)).StatusCode.ShouldBe(HttpStatusCode.SeeOther);

        // Guesses spread over addresses meet the limit for everyone together (six here): the seventh is refused wherever it comes from.
        (await Attempt("127.0.0.4", "ana", "guess 4")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Attempt("127.0.0.5", "ana", "guess 5")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var everyone = await Attempt("127.0.0.6", "ana", password);
        everyone.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        await Cli.TerminateAsync(serve.Process, Ct);
        serve.Log.ShouldContain("too many sign-in attempts");
        serve.Log.ShouldNotContain(password);
    }

    [Fact]
    public async Task Run_ReviewerConfigured_WorkerAndReviewPageTogether()
    {
        using var work = new TempFolder("run-review");
        var settings = Cli.Settings(work.Sub("data"));
        settings["DisputeKit__Review__Url"] = "http://127.0.0.1:0";
        settings["DisputeKit__Review__Users__ana"] = PasswordHash.Create("a long enough secret");
        using var run = await Cli.StartServingAsync(work.Path, settings, Ct, "run");
        using var client = new HttpClient { BaseAddress = run.Url };
        using var page = await client.GetAsync("/flags", Ct);

        // The start-up poll runs beside the page: a sweep summary is written.
        var sweeps = work.Sub("data/sweeps");
        await Cli.WaitUntilAsync(() => Directory.Exists(sweeps) && Directory.GetFiles(sweeps, "*.json").Length > 0, TimeSpan.FromSeconds(90), Ct);

        await Cli.TerminateAsync(run.Process, Ct);
        page.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        run.Process.ExitCode.ShouldBe(0, run.Log);
    }
}
