using Microsoft.Extensions.Configuration;
using Shouldly;

namespace DisputeKit.Review.Tests;

public sealed class SignInTests
{
    private sealed class StepClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private const string Password = "correct horse battery";
    private const string Token = "tok_0123456789abcdefghijklmnop";

    private static readonly string Hash = PasswordHash.Create(Password);

    private readonly StepClock _clock = new();

    private ReviewSessions Sessions(string? token = null) => new(
        new ReviewOptions { Users = new() { ["ana"] = Hash }, Token = token, SessionHours = 8 },
        _clock);

    [Fact]
    public void PasswordHash_VerifiesItsPasswordOnly_SaltedEachTime()
    {
        PasswordHash.Verify(Password, Hash).ShouldBeTrue();
        PasswordHash.Verify(Password + " ", Hash).ShouldBeFalse();
        PasswordHash.Verify(string.Empty, Hash).ShouldBeFalse();
        PasswordHash.Create(Password).ShouldNotBe(Hash);
        Hash.ShouldStartWith("pbkdf2-sha512$210000$");
        Hash.ShouldNotContain(Password);
    }

    [Theory]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha512$210000$notbase64$notbase64")]
    [InlineData("pbkdf2-sha512$100$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("md5$1$x$y")]
    public void Options_BadHash_NamedWithTheUser_NeverThePassword(string hash)
    {
        var problems = new ReviewOptions { Users = new() { ["ana"] = hash } }.Problems();

        problems.ShouldHaveSingleItem().ShouldContain("DisputeKit:Review:Users:ana");
        PasswordHash.Verify("anything", hash).ShouldBeFalse();
    }

    [Fact]
    public void Options_ShortTokenOrBadUrl_Named()
    {
        var problems = new ReviewOptions { Token = "short", Url = "ftp://127.0.0.1/x" }.Problems();

        problems.Count.ShouldBe(2);
        problems.ShouldContain(p => p.Contains("DisputeKit:Review:Token is too short", StringComparison.Ordinal) && !p.Contains("short'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("DisputeKit:Review:Url", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_SignInLimitsAndProxies_Named()
    {
        var problems = new ReviewOptions
        {
            Token = Token,
            SignInsPerAddress = 20,
            SignInsInAll = 10,
            SignInWindowMinutes = 0,
            TrustedProxies = ["10.0.0.0/8", "192.168.1.7", "::1", "proxy.internal", "10.0.0.1/8"],
        }.Problems();

        problems.Count.ShouldBe(4);
        problems.ShouldContain(p => p.Contains("SignInsInAll at least as many (got 20 and 10)", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("SignInWindowMinutes", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("'proxy.internal'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("'10.0.0.1/8'", StringComparison.Ordinal));
        ReviewOptions.ParseProxy("192.168.1.7")!.Value.Contains(System.Net.IPAddress.Parse("192.168.1.7")).ShouldBeTrue();
        ReviewOptions.ParseProxy("192.168.1.7")!.Value.Contains(System.Net.IPAddress.Parse("192.168.1.8")).ShouldBeFalse();
    }

    [Fact]
    public void Options_Roles_ReadInBothForms_TheHashAloneIsSupport()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DisputeKit:Review:Users:ana"] = Hash,
            ["DisputeKit:Review:Users:fiona:Password"] = Hash,
            ["DisputeKit:Review:Users:fiona:Role"] = "finance",
            ["DisputeKit:Review:Users:vic:Password"] = Hash,
            ["DisputeKit:Review:Users:vic:Role"] = "viewer",
            ["DisputeKit:Review:Token"] = Token,
            ["DisputeKit:Review:TokenRole"] = "viewer",
        }).Build();

        var options = configuration.ReadReviewOptions();

        options.Users.ToDictionary(u => u.Key, u => u.Value.Role).ShouldBe(new Dictionary<string, string> { ["ana"] = "support", ["fiona"] = "finance", ["vic"] = "viewer" }, ignoreOrder: true);
        var sessions = new ReviewSessions(options, _clock);
        sessions.SignIn("fiona", Password).Session!.Role.ShouldBe(ReviewRoles.Finance);
        sessions.SignIn("ana", Password).Session!.Role.ShouldBe(ReviewRoles.Support);
        sessions.SignIn("carla", Token).Session!.Role.ShouldBe(ReviewRoles.Viewer);
        ReviewRoles.Home(ReviewRoles.Finance).ShouldBe("/disputes");
        ReviewRoles.Home(ReviewRoles.Support).ShouldBe("/flags");
    }

    [Fact]
    public void Options_UnknownRole_NamedWithTheUser()
    {
        var problems = new ReviewOptions
        {
            Users = new() { ["fiona"] = new ReviewUser { Password = Hash, Role = "admin" } },
            Token = Token,
            TokenRole = "root",
        }.Problems();

        problems.Count.ShouldBe(2);
        problems.ShouldContain("DisputeKit:Review:Users:fiona:Role must be finance, support, viewer (got 'admin').");
        problems.ShouldContain("DisputeKit:Review:TokenRole must be finance, support, viewer (got 'root').");
    }

    [Fact]
    public void Options_NobodyCanSignIn_Told() => new ReviewOptions().CanSignIn.ShouldBeFalse();

    [Fact]
    public void SignIn_RightPassword_SessionWithItsOwnFormToken()
    {
        var sessions = Sessions();

        var (result, session) = sessions.SignIn(" ana ", Password);
        var (_, other) = sessions.SignIn("ana", Password);

        result.ShouldBe(ReviewSessions.SignInResult.SignedIn);
        session!.User.ShouldBe("ana");
        sessions.Find(session.Id).ShouldBe(session);
        session.Csrf.ShouldNotBe(other!.Csrf);
        session.Accepts(session.Csrf).ShouldBeTrue();
        session.Accepts(other.Csrf).ShouldBeFalse();
        session.Accepts(null).ShouldBeFalse();
    }

    [Fact]
    public void SignIn_Token_AnyNameButAConfiguredUsers()
    {
        var sessions = Sessions(Token);

        sessions.SignIn("carla", Token).Session!.User.ShouldBe("carla");
        sessions.SignIn("ana", Token).Result.ShouldBe(ReviewSessions.SignInResult.Wrong);
        sessions.SignIn("carla", Token + "x").Result.ShouldBe(ReviewSessions.SignInResult.Wrong);
        Sessions().SignIn("carla", Token).Result.ShouldBe(ReviewSessions.SignInResult.Wrong);
    }

    [Fact]
    public void Find_AfterTheSessionHours_Expired()
    {
        var sessions = Sessions();
        var session = sessions.SignIn("ana", Password).Session!;

        _clock.Now += TimeSpan.FromHours(7.9);
        sessions.Find(session.Id).ShouldNotBeNull();
        _clock.Now += TimeSpan.FromHours(0.2);
        sessions.Find(session.Id).ShouldBeNull();
    }

    [Theory]
    [InlineData("ANA")]
    [InlineData(" Ana ")]
    [InlineData("ana\u200b")]      // zero-width space
    [InlineData("a\u200dna")]      // zero-width joiner
    [InlineData("ana\u202e")]      // right-to-left override
    [InlineData("ana\u0000")]
    [InlineData("an\ta")]
    public void SignIn_TokenUnderAConfiguredReviewersNameInAnyDisguise_Refused(string name) =>
        Sessions(Token).SignIn(name, Token).Result.ShouldBe(ReviewSessions.SignInResult.Wrong);

    [Fact]
    public void SignIn_ConfiguredReviewer_AnyCase_KeptUnderTheConfiguredSpelling()
    {
        var sessions = Sessions(Token);

        sessions.SignIn("ANA", Password).Session!.User.ShouldBe("ana");
        sessions.SignIn("Jose\u0301", Token).Session!.User.ShouldBe("Jos\u00e9", "names are kept in NFC");
    }

    [Fact]
    public void End_SessionGone()
    {
        var sessions = Sessions();
        var session = sessions.SignIn("ana", Password).Session!;

        sessions.End(session);

        sessions.Find(session.Id).ShouldBeNull();
    }
}
