using System.Diagnostics;
using DisputeKit.Core.Disputes;
using DisputeKit.Stripe.Client;
using DisputeKit.StripeFake;
using Shouldly;

namespace DisputeKit.Stripe.Tests.Client;

public sealed class ResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly EvidenceUpdate Evidence = new() { Fields = new Dictionary<string, string> { ["product_description"] = "Delivered." }, IntendedSubmissionMethod = "manual" };

    [Theory]
    [InlineData(429, null, true)]
    [InlineData(409, null, true)]
    [InlineData(500, null, true)]
    [InlineData(503, null, true)]
    [InlineData(429, false, false)]   // Stripe-Should-Retry: false overrides the status
    [InlineData(500, false, false)]
    [InlineData(400, true, true)]     // ... and true makes even a 400 worth retrying
    [InlineData(400, null, false)]
    [InlineData(404, null, false)]
    public async Task Get_InjectedStatus_RetriedOnlyWhenStripeSaysSo(int status, bool? shouldRetry, bool retried)
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.Faults.Enqueue(FakeFault.Http(status, shouldRetry));

        if (retried)
        {
            (await stripe.Client.GetChargeAsync("ch_00000", Ct)).Id.ShouldBe("ch_00000");
            stripe.Client.Retries.ShouldBe(1);
        }
        else
        {
            (await Should.ThrowAsync<StripeException>(() => stripe.Client.GetChargeAsync("ch_00000", Ct))).Status.ShouldBe(status);
            stripe.Client.Retries.ShouldBe(0);
        }

        stripe.Server.Requests.Count.ShouldBe(retried ? 2 : 1);
    }

    [Fact]
    public async Task Post_DroppedConnection_RetriedWithSameKey_AppliedOnce()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.Faults.Enqueue(FakeFault.DropConnection("/v1/disputes/"));

        var dispute = await stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence, submit: false, "dk-dp_00000-stage-abc", Ct);

        dispute.HasEvidence.ShouldBeTrue();
        var posts = stripe.Server.Requests.Where(r => r.Method == "POST").ToList();
        posts.Count.ShouldBe(2);
        posts[0].Fault.ShouldBe("drop");
        posts.ShouldAllBe(p => p.IdempotencyKey == "dk-dp_00000-stage-abc");
    }

    [Fact]
    public async Task Submit_RestartAfterSubmitting_RefusedNotSentTwice()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        using var first = stripe.NewClient(_ => { });
        await first.UpdateEvidenceAsync("dp_00000", Evidence, submit: true, "k-restart", Ct);

        // A new process after a crash tries the same work again: Stripe shows the submission.
        using var afterRestart = stripe.NewClient(_ => { });
        var error = await Should.ThrowAsync<EvidenceRefusedException>(
            () => afterRestart.UpdateEvidenceAsync("dp_00000", Evidence, submit: true, "k-restart", Ct));

        error.Message.ShouldContain("already has a submission");
        stripe.Server.Dispute("dp_00000")!["evidence_details"]!["submission_count"]!.GetValue<int>().ShouldBe(1);
        stripe.Server.Requests.Count(r => r.Method == "POST").ShouldBe(1);
    }

    [Fact]
    public async Task Stage_RestartWithSameDerivedKey_Replays()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        using (var first = stripe.NewClient(_ => { }))
        {
            await first.UpdateEvidenceAsync("dp_00000", Evidence, submit: false, "k-stage", Ct);
        }

        using var afterRestart = stripe.NewClient(_ => { });
        await afterRestart.UpdateEvidenceAsync("dp_00000", Evidence, submit: false, "k-stage", Ct);

        stripe.Server.Requests.Count(r => r.Replayed).ShouldBe(1);
    }

    [Fact]
    public async Task RetryAfter_IsWaitedFor()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.Faults.Enqueue(FakeFault.Http(429, retryAfterSeconds: 1));
        var watch = Stopwatch.StartNew();

        await stripe.Client.GetChargeAsync("ch_00000", Ct);

        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        stripe.Client.Retries.ShouldBe(1);
    }

    [Fact]
    public async Task SlowAttempt_TimesOutAndIsRetried()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.Faults.Enqueue(FakeFault.Slow(TimeSpan.FromSeconds(3)));
        using var client = stripe.NewClient(o => o.RequestTimeoutSeconds = 1);

        (await client.GetChargeAsync("ch_00000", Ct)).Id.ShouldBe("ch_00000");
        client.Retries.ShouldBe(1);
    }

    [Fact]
    public async Task CallDeadline_StopsRetryingAndSaysSo()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.Faults.Enqueue(FakeFault.Slow(TimeSpan.FromSeconds(3)), times: 10);
        using var client = stripe.NewClient(o => { o.RequestTimeoutSeconds = 1; o.CallDeadlineSeconds = 2; });

        var error = await Should.ThrowAsync<HttpRequestException>(() => client.GetChargeAsync("ch_00000", Ct));

        error.Message.ShouldContain("did not answer in time");
    }

    [Fact]
    public async Task Outage_OpensTheCircuit_AndStopsCallingStripe()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.Faults.Enqueue(FakeFault.Http(503), times: 1000);
        using var client = stripe.NewClient(o => { o.BreakerMinimumThroughput = 4; o.MaxRetries = 3; o.BreakerBreakSeconds = 60; });

        var errors = new List<Exception>();
        for (var i = 0; i < 10; i++)
        {
            errors.Add(await Should.ThrowAsync<Exception>(() => client.GetChargeAsync("ch_00000", Ct)));
        }

        errors.ShouldContain(e => e is DisputeGatewayUnavailableException);
        errors[^1].ShouldBeOfType<DisputeGatewayUnavailableException>().Message.ShouldContain("Try again later");
        stripe.Server.Requests.Count.ShouldBeLessThan(10);
    }

    [Fact]
    public async Task RateLimiter_KeepsUnderStripesLimit_WhereNoLimiterHits429s()
    {
        await using var limited = await FakeStripe.StartAsync(1);
        limited.Server.Faults.RateLimit(12);
        using var polite = limited.NewClient(o => o.ApiRequestsPerSecond = 10);
        await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => polite.GetChargeAsync("ch_00000", Ct)));

        await using var unlimited = await FakeStripe.StartAsync(1);
        unlimited.Server.Faults.RateLimit(12);
        using var greedy = unlimited.NewClient(o => o.ApiRequestsPerSecond = 1000);
        var greedyCalls = Enumerable.Range(0, 25).Select(_ => greedy.GetChargeAsync("ch_00000", Ct)).ToList();
        await Task.WhenAll(greedyCalls).ContinueWith(_ => { }, Ct, TaskContinuationOptions.None, TaskScheduler.Default);

        limited.Server.Faults.Served.GetValueOrDefault("rate_limit").ShouldBe(0);
        polite.Retries.ShouldBe(0);
        unlimited.Server.Faults.Served.GetValueOrDefault("rate_limit").ShouldBeGreaterThan(0);
        greedy.Retries.ShouldBeGreaterThan(0);
        greedyCalls.Where(c => c.IsFaulted).ShouldAllBe(c => c.Exception!.InnerException is StripeException);
    }

    [Fact]
    public void Options_DefaultLimitFollowsTheKeyMode()
    {
        new StripeOptions { ApiKey = "sk_test_x" }.EffectiveApiRequestsPerSecond.ShouldBe(25);
        new StripeOptions { ApiKey = "rk_live_x" }.EffectiveApiRequestsPerSecond.ShouldBe(90);
        new StripeOptions { ApiKey = "sk_live_x", ApiRequestsPerSecond = 40 }.EffectiveApiRequestsPerSecond.ShouldBe(40);
        new StripeOptions().FilesRequestsPerSecond.ShouldBe(20);
    }
}
