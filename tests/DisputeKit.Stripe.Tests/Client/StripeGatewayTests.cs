using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Submission;
using DisputeKit.Stripe.Client;
using DisputeKit.Stripe.Gateway;
using Shouldly;

namespace DisputeKit.Stripe.Tests.Client;

public sealed class StripeGatewayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EvidenceUpdate Evidence(string text = "Delivered 1000 of 1000.") => new()
    {
        Fields = new Dictionary<string, string> { ["product_description"] = text, ["customer_name"] = "Jane Dœ & Co" },
        Metadata = new Dictionary<string, string> { ["order_id"] = "VL-1" },
        IntendedSubmissionMethod = "manual",
    };

    [Fact]
    public async Task ListDisputes_PagesThroughEverything_NewestFirst()
    {
        await using var stripe = await FakeStripe.StartAsync(250);

        var all = new List<Dispute>();
        await foreach (var d in stripe.Client.ListDisputesAsync(Ct))
        {
            all.Add(d);
        }

        all.Count.ShouldBe(250);
        all.Select(d => d.Id).Distinct().Count().ShouldBe(250);
        all[0].Id.ShouldBe("dp_00249");
        all.ShouldBeInOrder(SortDirection.Descending, Comparer<Dispute>.Create((a, b) => a.Created.CompareTo(b.Created)));
        stripe.Server.Requests.Count(r => r.Path == "/v1/disputes").ShouldBe(3);
        stripe.Server.Requests.ShouldAllBe(r => r.Query.Contains("limit=100"));
        all.Count(d => d.Status == "won").ShouldBe(25);
        all.ShouldAllBe(d => d.Charge != null && d.Charge.Id == d.ChargeId, "each dispute comes with its charge (expand data.charge)");
    }

    [Fact]
    public async Task UpdateEvidence_Staged_SendsSubmitFalseAndLeavesStatus()
    {
        await using var stripe = await FakeStripe.StartAsync(3);

        var dispute = await stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence(), submit: false, "dk-dp_00000-stage-1", Ct);

        dispute.HasEvidence.ShouldBeTrue();
        dispute.SubmissionCount.ShouldBe(0);
        dispute.Status.ShouldBe("needs_response");
        var sent = stripe.Server.Requests.Single(r => r.Method == "POST");
        sent.Form["submit"].ShouldBe("false");
        sent.Form["evidence[customer_name]"].ShouldBe("Jane Dœ & Co");
        sent.Form["metadata[order_id]"].ShouldBe("VL-1");
        sent.IdempotencyKey.ShouldBe("dk-dp_00000-stage-1");
        stripe.Server.Dispute("dp_00000")!["evidence"]!["product_description"]!.GetValue<string>().ShouldBe("Delivered 1000 of 1000.");
    }

    [Fact]
    public async Task UpdateEvidence_SameKeyTwice_ReplaysAndChangesNothing()
    {
        await using var stripe = await FakeStripe.StartAsync(1);

        await stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence(), submit: false, "k1", Ct);
        await stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence(), submit: false, "k1", Ct);

        stripe.Server.Requests.Count(r => r.Replayed).ShouldBe(1);
        stripe.Server.Requests.Count(r => r.Method == "POST" && !r.Replayed).ShouldBe(1);
    }

    [Fact]
    public async Task UpdateEvidence_SameKeyOtherParameters_IsAnIdempotencyError()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        await stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence(), submit: false, "k1", Ct);

        var error = await Should.ThrowAsync<StripeException>(() => stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence("other"), submit: false, "k1", Ct));

        error.Status.ShouldBe(400);
        error.ErrorType.ShouldBe("idempotency_error");
    }

    [Fact]
    public async Task Fake_TooLongOrUnknownField_StripeErrorShapeWithParam()
    {
        await using var stripe = await FakeStripe.StartAsync(1);

        async Task<JsonObject> Post(string form)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(stripe.Server.BaseUri, "/v1/disputes/dp_00000"))
            {
                Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FakeStripe.Key);
            using var response = await stripe.Http.SendAsync(request, Ct);
            ((int)response.StatusCode).ShouldBe(400);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!.AsObject();
        }

        var tooLong = await Post($"evidence[product_description]={new string('x', 20_001)}&submit=false");
        var unknown = await Post("evidence[favourite_colour]=blue&submit=false");
        var badBool = await Post("submit=maybe");

        tooLong["param"]!.GetValue<string>().ShouldBe("evidence[product_description]");
        tooLong["type"]!.GetValue<string>().ShouldBe("invalid_request_error");
        unknown["param"]!.GetValue<string>().ShouldBe("evidence[favourite_colour]");
        badBool["param"]!.GetValue<string>().ShouldBe("submit");
        stripe.Server.Dispute("dp_00000")!["evidence_details"]!["has_evidence"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task UpdateEvidence_OverLimits_RefusedBeforeAnythingIsSent()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        var tooLong = new EvidenceUpdate { Fields = new Dictionary<string, string> { ["product_description"] = new string('x', 20_001) } };
        var tooShortField = new EvidenceUpdate { Fields = new Dictionary<string, string> { ["customer_name"] = new string('x', 5_001) } };
        var tooMuch = new EvidenceUpdate
        {
            Fields = EvidenceLimits.LongTextFields.ToDictionary(f => f, _ => new string('y', 19_000)),
        };
        var unknown = new EvidenceUpdate { Fields = new Dictionary<string, string> { ["favourite_colour"] = "blue" } };

        (await Should.ThrowAsync<EvidenceRefusedException>(() => stripe.Client.UpdateEvidenceAsync("dp_00000", tooLong, false, "k1", Ct)))
            .Message.ShouldBe("Dispute dp_00000: evidence[product_description] has 20,001 characters; Stripe allows 20,000.");
        (await Should.ThrowAsync<EvidenceRefusedException>(() => stripe.Client.UpdateEvidenceAsync("dp_00000", tooShortField, false, "k2", Ct)))
            .Message.ShouldContain("5,000");
        (await Should.ThrowAsync<EvidenceRefusedException>(() => stripe.Client.UpdateEvidenceAsync("dp_00000", tooMuch, false, "k3", Ct)))
            .Message.ShouldContain("150,000 in all");
        (await Should.ThrowAsync<EvidenceRefusedException>(() => stripe.Client.UpdateEvidenceAsync("dp_00000", unknown, false, "k4", Ct)))
            .Message.ShouldContain("not a Stripe evidence field");
        (await Should.ThrowAsync<EvidenceRefusedException>(() => stripe.Client.UploadEvidenceFileAsync("big.pdf", new byte[(5 * 1024 * 1024) + 1], "application/pdf", "up", Ct)))
            .Message.ShouldContain("big.pdf");
        stripe.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task WrongKey_401_MessageNamesTheSettingNotTheKey()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        const string secret = "sk_test_wrong_secret_value_123";
        using var client = StripeHttp.CreateGateway(FakeStripe.Options(stripe.Server, secret));

        var error = await Should.ThrowAsync<StripeException>(() => client.GetChargeAsync("ch_00000", Ct));

        error.Status.ShouldBe(401);
        error.Message.ShouldContain("STRIPE_API_KEY");
        error.Message.ShouldNotContain(secret);
        error.ToString().ShouldNotContain(secret);
    }

    [Fact]
    public async Task UploadFile_Multipart_ReturnsFileIdAndChecksPurposeAndType()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7 test");

        var id = await stripe.Client.UploadEvidenceFileAsync("pack.pdf", pdf, "application/pdf", "up-1", Ct);
        var notPdf = await Should.ThrowAsync<StripeException>(() =>
            stripe.Client.UploadEvidenceFileAsync("notes.txt", pdf, "text/plain", "up-2", Ct));

        id.ShouldStartWith("file_");
        stripe.Server.Requests.First(r => r.Path == "/v1/files").Form["purpose"].ShouldBe("dispute_evidence");
        notPdf.Param.ShouldBe("file");
    }

    [Fact]
    public async Task UpdateEvidence_FileFields_MustNameUploadedFiles_TogetherWithinStripesSizeLimit()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        var pack = await stripe.Client.UploadEvidenceFileAsync("pack.pdf", PdfOf(3_000_000), "application/pdf", "up-pack", Ct);
        var policy = await stripe.Client.UploadEvidenceFileAsync("policy.pdf", PdfOf(1_000_000), "application/pdf", "up-policy", Ct);
        var transcript = await stripe.Client.UploadEvidenceFileAsync("transcript.pdf", PdfOf(1_000_000), "application/pdf", "up-transcript", Ct);
        EvidenceUpdate With(params (string Field, string Id)[] files) =>
            Evidence() with { Fields = new Dictionary<string, string>(Evidence().Fields).Concat(files.Select(f => KeyValuePair.Create(f.Field, f.Id))).ToDictionary() };

        var unknown = await Should.ThrowAsync<StripeException>(() =>
            stripe.Client.UpdateEvidenceAsync("dp_00000", With(("customer_communication", "file_nope")), submit: false, "k-1", Ct));
        await stripe.Client.UpdateEvidenceAsync("dp_00000", With(("service_documentation", pack), ("refund_policy", policy)), submit: false, "k-2", Ct);
        var tooBig = await Should.ThrowAsync<StripeException>(() =>
            stripe.Client.UpdateEvidenceAsync("dp_00000", With(("customer_communication", transcript)), submit: false, "k-3", Ct));

        unknown.Message.ShouldContain("No such file upload: 'file_nope'");
        unknown.Param.ShouldBe("evidence[customer_communication]");
        tooBig.Message.ShouldContain("5,000,000 bytes together, over the limit of 4,500,000 bytes");
        var evidence = stripe.Server.Dispute("dp_00000")!["evidence"]!;
        evidence["refund_policy"]!.GetValue<string>().ShouldBe(policy);
        evidence["customer_communication"].ShouldBeNull("a refused update changes nothing");
    }

    private static byte[] PdfOf(int bytes)
    {
        var pdf = new byte[bytes];
        Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(pdf, 0);
        return pdf;
    }

    [Fact]
    public async Task Close_NeedsResponse_BecomesLost_AndClosedCannotTakeEvidence()
    {
        await using var stripe = await FakeStripe.StartAsync(1);

        var closed = await stripe.Client.CloseDisputeAsync("dp_00000", "close-1", Ct);
        var error = await Should.ThrowAsync<StripeException>(() => stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence(), false, "k9", Ct));

        closed.Status.ShouldBe("lost");
        error.Message.ShouldContain("already closed");
    }

    [Fact]
    public async Task Requests_CarryPinnedVersionAndBearerKey()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stripe.Server.BaseUri, "/v1/charges/ch_00000"));

        using var anonymous = await stripe.Http.SendAsync(request, Ct);
        var charge = await stripe.Client.GetChargeAsync("ch_00000", Ct);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        charge.Amount.ShouldBe(1000);
        global::Stripe.StripeConfiguration.ApiVersion.ShouldBe("2026-10-28.endive", "the version Stripe.net pins, which every request carries");
    }

    [Theory]
    [InlineData("sk_live_abc")]
    [InlineData("rk_live_abc")]
    public void Constructor_LiveKeyWithoutOptIn_Refused(string key)
    {
        using var http = new HttpClient();

        var error = Should.Throw<InvalidOperationException>(() => new StripeGateway(http, new StripeOptions { ApiKey = key }));

        error.Message.ShouldContain("AllowLiveKeys");
        error.Message.ShouldNotContain(key);
        Should.NotThrow(() => new StripeGateway(http, new StripeOptions { ApiKey = key, AllowLiveKeys = true }));
    }

    [Fact]
    public async Task FakeState_PersistsAcrossRestarts()
    {
        var state = Path.Combine(Path.GetTempPath(), $"dk-state-{Guid.NewGuid():N}.json");
        try
        {
            await using (var first = await FakeStripe.StartAsync(2, state))
            {
                await first.Client.UpdateEvidenceAsync("dp_00001", Evidence(), false, "persist-1", Ct);
            }

            await using var second = await FakeStripe.StartAsync(2, state);
            var again = await second.Client.UpdateEvidenceAsync("dp_00001", Evidence(), false, "persist-1", Ct);

            again.HasEvidence.ShouldBeTrue();
            second.Server.Requests.Count(r => r.Method == "POST").ShouldBe(2);
            second.Server.Requests[^1].Replayed.ShouldBeTrue();
        }
        finally
        {
            File.Delete(state);
        }
    }

    [Fact]
    public async Task UpdateEvidence_VisaCompellingEvidence3_EncodedAsStripeExpects()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        var evidence = Evidence() with
        {
            VisaCompellingEvidence3 = new VisaCompellingEvidence3
            {
                DisputedTransaction = new Ce3Transaction { CustomerPurchaseIp = "81.2.3.4", CustomerAccountId = "C1", MerchandiseOrServices = "services" },
                PriorUndisputedTransactions =
                [
                    new Ce3Transaction { Charge = "ch_a", CustomerPurchaseIp = "81.2.3.4", CustomerAccountId = "C1" },
                    new Ce3Transaction { Charge = "ch_b", CustomerPurchaseIp = "81.2.3.4", CustomerAccountId = "C1" },
                ],
            },
        };

        await stripe.Client.UpdateEvidenceAsync("dp_00000", evidence, submit: false, "ce3", Ct);

        var form = stripe.Server.Requests.Single().Form;
        form["evidence[enhanced_evidence][visa_compelling_evidence_3][disputed_transaction][merchandise_or_services]"].ShouldBe("services");
        form["evidence[enhanced_evidence][visa_compelling_evidence_3][prior_undisputed_transactions][1][charge]"].ShouldBe("ch_b");
        form.Keys.ShouldNotContain(k => k.Contains("[disputed_transaction][charge]"));
        var stored = stripe.Server.Dispute("dp_00000")!["evidence"]!["enhanced_evidence"]!["visa_compelling_evidence_3"]!;
        stored["prior_undisputed_transactions"]![1]!["charge"]!.GetValue<string>().ShouldBe("ch_b");
        stored["disputed_transaction"]!["customer_purchase_ip"]!.GetValue<string>().ShouldBe("81.2.3.4");
    }

    [Fact]
    public async Task Stage_OnClosedDispute_StripesRefusalNamesTheDispute()
    {
        await using var stripe = await FakeStripe.StartAsync(10);

        var error = await Should.ThrowAsync<StripeException>(() => stripe.Client.UpdateEvidenceAsync("dp_00009", Evidence(), submit: false, "k", Ct));

        error.Status.ShouldBe(400);
        error.Message.ShouldContain("dispute dp_00009");
        error.Message.ShouldContain("closed");
    }

    [Fact]
    public async Task Stage_SaysWhoSubmits_TheFakeRefusesStagingThatDoesNot()
    {
        await using var stripe = await FakeStripe.StartAsync(1);

        var staged = await stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence(), submit: false, "k-intended", Ct);
        var silent = await Should.ThrowAsync<StripeException>(() =>
            stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence() with { IntendedSubmissionMethod = null }, submit: false, "k-silent", Ct));

        staged.IntendedSubmissionMethod.ShouldBe("manual");
        stripe.Server.Requests[0].Form["intended_submission_method"].ShouldBe("manual");
        silent.Status.ShouldBe(400);
        silent.Code.ShouldBe("parameter_missing");
        silent.Param.ShouldBe("intended_submission_method");
        stripe.Server.Dispute("dp_00000")!["evidence_details"]!["submission_count"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Submit_ThroughTheApi_StripeRecordsAManualSubmission()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        await stripe.Client.UpdateEvidenceAsync("dp_00000", Evidence(), submit: false, "k-stage", Ct);

        var submitted = await stripe.Client.UpdateEvidenceAsync("dp_00000", new EvidenceUpdate { Fields = new Dictionary<string, string>() }, submit: true, "k-submit", Ct);

        submitted.SubmissionCount.ShouldBe(1);
        submitted.SubmissionMethod.ShouldBe("manual");
        stripe.Server.Requests[^1].Form.ContainsKey("intended_submission_method").ShouldBeFalse("a submission needs no say in who submits later");
    }
}
