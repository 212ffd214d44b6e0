using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Shouldly;

namespace DisputeKit.Stripe.Tests.Client;

/// <summary>The fake answers requests that do not fit Stripe's spec the way Stripe does.</summary>
public sealed class FakeSpecValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Status, JsonObject Body)> SendAsync(FakeStripe stripe, HttpMethod method, string pathAndQuery, string? form = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(stripe.Server.BaseUri, pathAndQuery));
        if (form is not null)
        {
            request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeStripe.Key);
        using var response = await stripe.Http.SendAsync(request, Ct);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject());
    }

    public static TheoryData<string, string, string?, string, string> Invalid => new()
    {
        { "GET", "/v1/disputes?status=needs_response", null, "status", "Received unknown parameter: status" },
        { "GET", "/v1/disputes?limit=ten", null, "limit", "Invalid integer: ten" },
        { "GET", "/v1/disputes?created[between]=5", null, "created[between]", "Received unknown parameter: created[between]" },
        { "GET", "/v1/disputes?created[gte]=soon", null, "created[gte]", "Invalid integer: soon" },
        { "GET", "/v1/events?type=charge.dispute.*&nonsense=1", null, "nonsense", "Received unknown parameter: nonsense" },
        { "POST", "/v1/disputes/dp_00000", "submit=yes", "submit", "Invalid boolean: yes" },
        { "POST", "/v1/disputes/dp_00000", "evidence[enhanced_evidence][visa_compelling_evidence_3][disputed_transaction][merchandise_or_services]=goods&submit=false",
            "evidence[enhanced_evidence][visa_compelling_evidence_3][disputed_transaction][merchandise_or_services]", "must be one of merchandise, services" },
        { "POST", "/v1/disputes/dp_00000", "evidence[enhanced_evidence][visa_compelling_evidence_3][prior_undisputed_transactions][0][customer_purchase_ip]=1.2.3.4&submit=false",
            "evidence[enhanced_evidence][visa_compelling_evidence_3][prior_undisputed_transactions][0][charge]", "Missing required param" },
        { "POST", "/v1/disputes/dp_00000", "evidence=whole&submit=false", "evidence", "Invalid object" },
        { "POST", "/v1/disputes/dp_00000/close", "reason=bored", "reason", "Received unknown parameter: reason" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Request_NotFittingTheSpec_400WithParam(string method, string path, string? form, string param, string message)
    {
        await using var stripe = await FakeStripe.StartAsync(1);

        var (status, body) = await SendAsync(stripe, new HttpMethod(method), path, form);

        status.ShouldBe(400);
        body["error"]!["type"]!.GetValue<string>().ShouldBe("invalid_request_error");
        body["error"]!["param"]!.GetValue<string>().ShouldBe(param);
        body["error"]!["message"]!.GetValue<string>().ShouldContain(message);
        stripe.Server.Dispute("dp_00000")!["status"]!.GetValue<string>().ShouldBe("needs_response");
    }

    [Fact]
    public async Task Request_FittingTheSpec_IncludingNestedEvidenceAndOpenMetadata_Accepted()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        const string ce3 = "evidence[enhanced_evidence][visa_compelling_evidence_3]";
        var form = string.Join('&',
            $"{ce3}[disputed_transaction][customer_purchase_ip]=81.2.3.4",
            $"{ce3}[disputed_transaction][merchandise_or_services]=services",
            $"{ce3}[prior_undisputed_transactions][0][charge]=ch_a",
            $"{ce3}[prior_undisputed_transactions][1][charge]=ch_b",
            $"{ce3}[prior_undisputed_transactions][1][customer_device_fingerprint]=",
            "metadata[anything_we_like]=yes",
            "expand[]=charge",
            "intended_submission_method=manual",
            "submit=false");

        var (status, body) = await SendAsync(stripe, HttpMethod.Post, "/v1/disputes/dp_00000", form);
        var (listStatus, _) = await SendAsync(stripe, HttpMethod.Get, "/v1/disputes?limit=5&created[gte]=1&expand[]=data.charge");

        status.ShouldBe(200, body.ToJsonString());
        listStatus.ShouldBe(200);
    }

    [Fact]
    public async Task ListDisputes_ChargeAndPaymentIntentFilters_Applied()
    {
        await using var stripe = await FakeStripe.StartAsync(5);

        var (_, byCharge) = await SendAsync(stripe, HttpMethod.Get, "/v1/disputes?charge=ch_00002");
        var (_, byIntent) = await SendAsync(stripe, HttpMethod.Get, "/v1/disputes?payment_intent=pi_00003");

        byCharge["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()).ShouldBe(["dp_00002"]);
        byIntent["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()).ShouldBe(["dp_00003"]);
    }
}
