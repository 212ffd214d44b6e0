using System.Text.Json.Nodes;
using DisputeKit.Core.Accounts;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Shop.Tests;

public sealed class WebhookAccountActionTests
{
    private const string Secret = "whsec_test_0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AccountActionRequest Suspend = new(
        "dk-flag-C1-20261101090000-suspend", "C1-20261101090000", "C1", "suspend", "Disputed without contacting support <script>", "ana",
        [new FlaggedDispute("dp_1", "product_not_received", 4990, "eur", "suspend", "no contact")], new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    private static WebhookAccountAction Action(ShopServer shop, int attempts = 4, double timeout = 5) => new(
        new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
        new AccountActionOptions { Kind = "webhook", Url = shop.Url + "/dk/accounts?token=hidden", Secret = Secret, Attempts = attempts, TimeoutSeconds = timeout },
        TimeProvider.System);


    [Fact]
    public async Task Apply_PostsSignedJson_TheShopCanVerifyIt()
    {
        await using var shop = await ShopServer.StartAsync();

        var answer = await Action(shop).ApplyAsync(Suspend, Ct);

        answer.Succeeded.ShouldBeTrue(answer.Answer);
        answer.Answer.ShouldBe("HTTP 200: {\"status\":\"done\"}");
        var call = shop.Calls.ShouldHaveSingleItem();
        call.Path.ShouldBe("/dk/accounts");
        call.IdempotencyKey.ShouldBe(Suspend.IdempotencyKey);
        call.VerifiesWith(Secret).ShouldBeTrue();
        (call with { Body = [.. call.Body, (byte)' '] }).VerifiesWith(Secret).ShouldBeFalse("a changed body fails the check");
        var json = JsonNode.Parse(call.Body)!;
        json["type"]!.GetValue<string>().ShouldBe("account.suspend");
        json["customer_id"]!.GetValue<string>().ShouldBe("C1");
        json["reason"]!.GetValue<string>().ShouldBe("Disputed without contacting support <script>");
        json["disputes"]![0]!["id"]!.GetValue<string>().ShouldBe("dp_1");
    }

    [Fact]
    public async Task Apply_ShopFailsThenAnswers_TriedAgainWithTheSameKeyAndBody()
    {
        await using var shop = await ShopServer.StartAsync();
        shop.Script.Enqueue((503, TimeSpan.Zero));
        shop.Script.Enqueue((429, TimeSpan.Zero));

        var answer = await Action(shop).ApplyAsync(Suspend, Ct);

        answer.Succeeded.ShouldBeTrue();
        shop.Calls.Count.ShouldBe(3);
        shop.Calls.Select(c => c.IdempotencyKey).Distinct().ShouldHaveSingleItem();
        shop.Calls.Select(c => Convert.ToBase64String(c.Body)).Distinct().ShouldHaveSingleItem();
        shop.Calls.ShouldAllBe(c => c.VerifiesWith(Secret));
    }

    [Fact]
    public async Task Apply_ShopRefuses_NotTriedAgain_AnswerKept()
    {
        await using var shop = await ShopServer.StartAsync();
        shop.Script.Enqueue((422, TimeSpan.Zero));

        var answer = await Action(shop).ApplyAsync(Suspend, Ct);

        answer.Succeeded.ShouldBeFalse();
        answer.Answer.ShouldStartWith("HTTP 422");
        shop.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Apply_ShopHangs_EachTryTimesOut_ThenGivesUpSayingSo_WithoutTheSecretOrQuery()
    {
        await using var shop = await ShopServer.StartAsync();
        for (var i = 0; i < 2; i++)
        {
            shop.Script.Enqueue((200, TimeSpan.FromSeconds(30)));
        }

        var action = Action(shop, attempts: 2, timeout: 2);
        var answer = await action.ApplyAsync(Suspend, Ct);

        answer.Succeeded.ShouldBeFalse();
        answer.Answer.ShouldContain("no answer from");
        shop.Calls.Count.ShouldBe(2);
        answer.Answer.ShouldNotContain(Secret);
        answer.Answer.ShouldNotContain("hidden");
        action.Target.ShouldBe($"webhook {shop.Url}/dk/accounts");
    }

    [Fact]
    public async Task Apply_NothingListening_NotDoneAndSaysWhere()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)port.LocalEndpoint).Port}";
        port.Stop();
        var action = new WebhookAccountAction(new HttpClient(), new AccountActionOptions { Kind = "webhook", Url = url, Secret = Secret, Attempts = 2 }, TimeProvider.System);

        var answer = await action.ApplyAsync(Suspend, Ct);

        answer.Succeeded.ShouldBeFalse();
        answer.Answer.ShouldContain($"no answer from {url}/");
    }

    [Fact]
    public void Options_Problems_NameTheSetting_NeverTheSecret()
    {
        new AccountActionOptions().Problems().ShouldBeEmpty();
        new AccountActionOptions { Kind = "webhook", Url = "ftp://shop", Secret = "short" }.Problems()
            .ShouldBe(["DisputeKit:AccountAction:Url must be an http or https address (is 'ftp://shop').", "DisputeKit:AccountAction:Secret must be set, at least 16 characters (DisputeKit__AccountAction__Secret)."]);
        new AccountActionOptions { Kind = "sql", ConnectionString = "Host=x", SuspendSql = "update" }.Problems()
            .ShouldBe(["DisputeKit:AccountAction:LimitSql must be set for kind sql.", "DisputeKit:AccountAction:RestoreSql must be set for kind sql."]);
        new AccountActionOptions { Kind = "email" }.Problems().ShouldHaveSingleItem().ShouldContain("Kind must be none, webhook or sql");
    }
}
