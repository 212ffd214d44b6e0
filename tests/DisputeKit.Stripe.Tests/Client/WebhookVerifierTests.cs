using System.Text.Json.Nodes;
using DisputeKit.Stripe.Client;
using DisputeKit.Stripe.Gateway;
using DisputeKit.StripeFake;
using Shouldly;

namespace DisputeKit.Stripe.Tests.Client;

/// <summary>
/// Webhook signatures as the fake signs them (its own HMAC, not Stripe.net's) checked by
/// Stripe.net's <c>EventUtility</c>: only a body signed with a configured secret within the
/// tolerance is an event; during a rotation either secret works.
/// </summary>
public sealed class WebhookVerifierTests
{
    private const string Secret = "whsec_current_0123456789";
    private const string Old = "whsec_previous_0123456789";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_793_000_000);

    private static readonly string Payload = new JsonObject
    {
        ["id"] = "evt_1",
        ["object"] = "event",
        ["api_version"] = "2025-03-31.basil",
        ["created"] = Now.ToUnixTimeSeconds() - 2,
        ["type"] = "charge.dispute.created",
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["data"] = new JsonObject { ["object"] = new JsonObject { ["id"] = "dp_1", ["object"] = "dispute", ["amount"] = 1000, ["currency"] = "eur", ["status"] = "needs_response" } },
    }.ToJsonString();

    private static StripeWebhookVerifier Verifier(params string[] secrets) =>
        new(new StripeOptions { ApiKey = "sk_test_x", WebhookSecrets = secrets }, new Fixed(Now));

    [Fact]
    public void Signed_ReadAsTheEventItNames_WhateverItsApiVersion()
    {
        var check = Verifier(Secret).Verify(Payload, FakeStripeServer.WebhookSignature(Payload, Secret, Now));

        check.Problem.ShouldBeNull();
        var e = check.Event.ShouldNotBeNull();
        (e.Id, e.Type, e.ObjectId, e.Source).ShouldBe(("evt_1", "charge.dispute.created", "dp_1", "webhook"));
        e.Created.ShouldBe(Now.AddSeconds(-2));
        e.ReceivedAt.ShouldBe(Now);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("wrong secret")]
    [InlineData("too old")]
    [InlineData("no header")]
    [InlineData("not a signature")]
    public void NotSignedAsStripeSigns_Refused(string how)
    {
        var (payload, header) = how switch
        {
            "tampered" => (Payload.Replace("dp_1", "dp_2", StringComparison.Ordinal), FakeStripeServer.WebhookSignature(Payload, Secret, Now)),
            "wrong secret" => (Payload, FakeStripeServer.WebhookSignature(Payload, "whsec_someone_else", Now)),
            "too old" => (Payload, FakeStripeServer.WebhookSignature(Payload, Secret, Now.AddSeconds(-301))),
            "no header" => (Payload, null),
            _ => (Payload, "v1=deadbeef"),
        };

        var check = Verifier(Secret).Verify(payload, header);

        check.Event.ShouldBeNull();
        check.Problem.ShouldNotBeNullOrWhiteSpace();
        check.Problem.ShouldNotContain(Secret);
    }

    [Fact]
    public void DuringARotation_EitherSecretIsAccepted_NeitherAlone()
    {
        var rotating = Verifier(Secret, Old);

        rotating.Verify(Payload, FakeStripeServer.WebhookSignature(Payload, Old, Now)).Event.ShouldNotBeNull();
        rotating.Verify(Payload, FakeStripeServer.WebhookSignature(Payload, Secret, Now)).Event.ShouldNotBeNull();
        Verifier(Secret).Verify(Payload, FakeStripeServer.WebhookSignature(Payload, Old, Now)).Event.ShouldBeNull();
        Verifier().Configured.ShouldBeFalse();
        Verifier().Verify(Payload, FakeStripeServer.WebhookSignature(Payload, Secret, Now)).Problem.ShouldNotBeNull().ShouldContain("Stripe:WebhookSecrets");
    }

    [Fact]
    public void SignedButNotAnEvent_Refused()
    {
        const string body = "{\"hello\": ";
        var check = Verifier(Secret).Verify(body, FakeStripeServer.WebhookSignature(body, Secret, Now));

        check.Event.ShouldBeNull();
        check.Problem.ShouldBe("the body is signed but is not a Stripe event");
    }

    private sealed class Fixed(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
