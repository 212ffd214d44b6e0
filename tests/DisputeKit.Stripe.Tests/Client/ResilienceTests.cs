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
    public async Task Upload_ConnectionDroppedAfterApplied_ResendsTheIdenticalBodyUnderTheSameKey_OneFile()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.Faults.Enqueue(FakeFault.DropAfterApplying("/v1/files"));
        var pdf = "%PDF-1.7 one page of evidence"u8.ToArray();

        var fileId = await stripe.Client.UploadEvidenceFileAsync("dp_00000-evidence.pdf", pdf, "application/pdf", "dk-dp_00000-pack-abc", Ct);

        // The fake replays only a request whose parameters and file bytes match what its key was first used with.
        var uploads = stripe.Server.Requests.Where(r => r.Path == "/v1/files").ToList();
        uploads.Select(r => (r.IdempotencyKey, r.Status, r.Fault, r.Replayed)).ShouldBe(
        [
            ("dk-dp_00000-pack-abc", 200, null, false),              // applied and saved under the key ...
            ("dk-dp_00000-pack-abc", 0, "drop_after_apply", false),  // ... and the answer never sent
            ("dk-dp_00000-pack-abc", 200, null, true),               // the resend: the same bytes, so Stripe replays
        ]);
        stripe.Server.File(fileId)!["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        stripe.Client.Retries.ShouldBe(1);
    }

    [Fact]
    public async Task Upload_500SavedUnderItsKey_ReplayedNotRetried_NamesTheKey_ANewKeyGoesThrough()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.Faults.Enqueue(FakeFault.Saved500(pathPrefix: "/v1/files"));
        var pdf = "%PDF-1.7 evidence"u8.ToArray();

        var error = await Should.ThrowAsync<StripeException>(
            () => stripe.Client.UploadEvidenceFileAsync("dp_00000-evidence.pdf", pdf, "application/pdf", "dk-k", Ct));
        error.Status.ShouldBe(500);
        error.SavedUnderKey.ShouldBeTrue();
        error.IdempotencyKey.ShouldBe("dk-k");

        // Stripe gives the saved 500 back for the key: retrying it (now or next sweep) cannot succeed.
        (await Should.ThrowAsync<StripeException>(
            () => stripe.Client.UploadEvidenceFileAsync("dp_00000-evidence.pdf", pdf, "application/pdf", "dk-k", Ct))).Status.ShouldBe(500);
        var fileId = await stripe.Client.UploadEvidenceFileAsync("dp_00000-evidence.pdf", pdf, "application/pdf", "dk-k-g1", Ct);

        stripe.Server.File(fileId).ShouldNotBeNull();
        stripe.Server.Requests.Where(r => r.Path == "/v1/files").Select(r => (r.IdempotencyKey, r.Status, r.Replayed, r.Fault)).ShouldBe(
        [
            ("dk-k", 500, false, "saved_500"),
            ("dk-k", 500, true, null),   // the pipeline's one retry: a replay, so it tries no more
            ("dk-k", 500, true, null),
            ("dk-k-g1", 200, false, null),
        ]);
    }

    [Fact]
    public async Task Submit_AppliedThen500Saved_TheDisputeShowsTheSubmission_SoItIsRecordedNotSentAgain()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.Faults.Enqueue(FakeFault.Saved500(applied: true, pathPrefix: "/v1/disputes/"));

        (await Should.ThrowAsync<StripeException>(() => stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence, submit: true, "dk-s", Ct))).SavedUnderKey.ShouldBeTrue();
        (await Should.ThrowAsync<StripeException>(() => stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence, submit: true, "dk-s", Ct))).Status.ShouldBe(500, "the key gives the saved 500 back");

        // Before it moves to a new key, DisputeKit reads the dispute: the submission happened, so none is sent again.
        var read = await stripe.Client.GetDisputeAsync("dp_00000", Ct);
        read.SubmissionCount.ShouldBe(1);
        var intent = DisputeKit.Core.Cases.DisputeCase.Discover(read, DateTimeOffset.UnixEpoch) with { State = DisputeKit.Core.Cases.CaseState.Staged, SubmitIdempotencyKey = "dk-s" };
        DisputeKit.Core.Cases.CaseActions.Reconcile(intent, read, DateTimeOffset.UnixEpoch).ShouldNotBeNull().State.ShouldBe(DisputeKit.Core.Cases.CaseState.Submitted);
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
