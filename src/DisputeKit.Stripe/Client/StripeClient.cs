using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Telemetry;

namespace DisputeKit.Stripe.Client;

/// <summary>
/// DisputeKit's own Stripe client for the dispute calls, following Stripe's OpenAPI spec:
/// bracketed form bodies, a pinned <c>Stripe-Version</c>, an <c>Idempotency-Key</c> on every POST.
/// </summary>
public sealed class StripeClient : IDisputeGateway, IDisposable
{
    private readonly StripeOptions _options;
    private readonly StripeTransport _transport;
    private readonly TimeProvider _clock;

    public StripeClient(HttpClient http, StripeOptions options, TimeProvider? clock = null, DisputeKitMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new InvalidOperationException("No Stripe API key: set Stripe:ApiKey or the STRIPE_API_KEY environment variable.");
        }

        if (IsLiveKey(options.ApiKey) && !options.AllowLiveKeys)
        {
            throw new InvalidOperationException("A live Stripe key was given but Stripe:AllowLiveKeys is false; set it to true to work on live disputes.");
        }

        _options = options;
        _clock = clock ?? TimeProvider.System;
        _transport = new StripeTransport(http, options, _clock, metrics);
    }

    /// <summary>Retries made so far by this client.</summary>
    public int Retries => _transport.Retries;

    public void Dispose() => _transport.Dispose();

    public static bool IsLiveKey(string key) =>
        key.StartsWith("sk_live_", StringComparison.Ordinal) || key.StartsWith("rk_live_", StringComparison.Ordinal);

    public IAsyncEnumerable<Dispute> ListDisputesAsync(CancellationToken cancellationToken) =>
        ListDisputesAsync(new DisputeListFilter(), cancellationToken);

    public async IAsyncEnumerable<Dispute> ListDisputesAsync(DisputeListFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each dispute comes with its charge, so gathering the evidence needs no request of its own per dispute.
        var query = new List<KeyValuePair<string, string>> { new("expand[]", "data.charge") };
        if (filter.CreatedFrom is { } from)
        {
            query.Add(new("created[gte]", from.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (filter.CreatedBefore is { } before)
        {
            query.Add(new("created[lt]", before.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await foreach (var item in ListAsync("/v1/disputes", query, cancellationToken))
        {
            var dispute = StripeMapper.Dispute(item);
            if (filter.Statuses.Count == 0 || filter.Statuses.Contains(dispute.Status))
            {
                yield return dispute;
            }
        }
    }

    /// <summary>Dispute events (<c>charge.dispute.*</c>), newest first; Stripe keeps them for 30 days.</summary>
    public async IAsyncEnumerable<DisputeEvent> ListDisputeEventsAsync(
        DateTimeOffset? createdAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>> { new("type", "charge.dispute.*") };
        if (createdAfter is { } after)
        {
            query.Add(new("created[gt]", after.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await foreach (var item in ListAsync("/v1/events", query, cancellationToken))
        {
            if (item["data"]?["object"] is JsonObject dispute)
            {
                yield return new DisputeEvent(
                    item["id"]!.GetValue<string>(),
                    item["type"]!.GetValue<string>(),
                    DateTimeOffset.FromUnixTimeSeconds(item["created"]!.GetValue<long>()),
                    StripeMapper.Dispute(dispute));
            }
        }
    }

    public async Task<JsonObject> GetPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, _options.ApiBase, $"/v1/payment_intents/{Uri.EscapeDataString(paymentIntentId)}", [], null, cancellationToken);

    public async Task<StripeCustomer> GetCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        var o = await SendAsync(HttpMethod.Get, _options.ApiBase, $"/v1/customers/{Uri.EscapeDataString(customerId)}", [], null, cancellationToken);
        return new StripeCustomer(
            o["id"]!.GetValue<string>(),
            o["deleted"]?.GetValue<bool>() == true,
            o["email"]?.GetValue<string>(),
            o["name"]?.GetValue<string>(),
            (o["metadata"] as JsonObject ?? []).Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal));
    }

    /// <summary>Names the dispute in Stripe's refusal, so finance knows which case it is about.</summary>
    private static async Task<JsonObject> ForDisputeAsync(string disputeId, Func<Task<JsonObject>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException e) when (e.Status is >= 400 and < 500 and not (401 or 403 or 429))
        {
            throw new StripeException(e.Status, e.ErrorType, e.Code, e.Param, $"dispute {disputeId}: {e.StripeMessage}", e.RequestId);
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Ce3Pairs(string prefix, Ce3Transaction t)
    {
        (string Name, string? Value)[] fields =
        [
            ("charge", t.Charge), ("customer_account_id", t.CustomerAccountId), ("customer_device_fingerprint", t.CustomerDeviceFingerprint),
            ("customer_device_id", t.CustomerDeviceId), ("customer_email_address", t.CustomerEmailAddress),
            ("customer_purchase_ip", t.CustomerPurchaseIp), ("product_description", t.ProductDescription),
            ("merchandise_or_services", t.MerchandiseOrServices),
        ];
        return fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>($"{prefix}[{f.Name}]", f.Value!));
    }

    private async IAsyncEnumerable<JsonObject> ListAsync(
        string path, List<KeyValuePair<string, string>> filters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? startingAfter = null;
        while (true)
        {
            var query = new List<KeyValuePair<string, string>>(filters) { new("limit", "100") };
            if (startingAfter is not null)
            {
                query.Add(new("starting_after", startingAfter));
            }

            var page = await SendAsync(HttpMethod.Get, _options.ApiBase, path, query, null, cancellationToken);
            var data = page["data"] as JsonArray ?? throw new StripeException(200, "api_error", null, null, $"GET {path}: the answer is a list without data", null);
            foreach (var item in data.OfType<JsonObject>())
            {
                startingAfter = item["id"]?.GetValue<string>();
                yield return item;
            }

            if (page["has_more"]?.GetValue<bool>() != true || data.Count == 0)
            {
                yield break;
            }
        }
    }

    public async Task<Dispute> GetDisputeAsync(string disputeId, IReadOnlyList<string> expand, CancellationToken cancellationToken)
    {
        var query = expand.Select(e => new KeyValuePair<string, string>("expand[]", e)).ToList();
        return StripeMapper.Dispute(await SendAsync(HttpMethod.Get, _options.ApiBase, $"/v1/disputes/{Uri.EscapeDataString(disputeId)}", query, null, cancellationToken));
    }

    public Task<Dispute> GetDisputeAsync(string disputeId, CancellationToken cancellationToken) =>
        GetDisputeAsync(disputeId, [], cancellationToken);

    public async Task<ChargeDetails> GetChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        StripeMapper.Charge(await SendAsync(HttpMethod.Get, _options.ApiBase, $"/v1/charges/{Uri.EscapeDataString(chargeId)}", [], null, cancellationToken));

    public async Task<string> UploadEvidenceFileAsync(
        string fileName, ReadOnlyMemory<byte> content, string contentType, string idempotencyKey, CancellationToken cancellationToken)
    {
        EvidenceGuard.CheckFile(fileName, content);
        HttpContent Form()
        {
            var form = new MultipartFormDataContent();
            form.Add(new StringContent("dispute_evidence"), "purpose");
            var file = new ReadOnlyMemoryContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "file", fileName);
            return form;
        }

        var result = await SendAsync(HttpMethod.Post, _options.FilesBase, "/v1/files", [], Form, cancellationToken, idempotencyKey);
        return result["id"]?.GetValue<string>() ?? throw new JsonException("file upload answered without an id");
    }

    public async Task<Dispute> UpdateEvidenceAsync(
        string disputeId, EvidenceUpdate evidence, bool submit, string idempotencyKey, CancellationToken cancellationToken)
    {
        EvidenceGuard.CheckFields(disputeId, evidence);
        if (submit)
        {
            // Submitting cannot be undone: look at the dispute as Stripe holds it right now.
            EvidenceGuard.CheckSubmission(await GetDisputeAsync(disputeId, [], cancellationToken), _clock.GetUtcNow());
        }

        var pairs = new List<KeyValuePair<string, string>>();
        pairs.AddRange(evidence.Fields.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new KeyValuePair<string, string>($"evidence[{kv.Key}]", kv.Value)));
        pairs.AddRange(evidence.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new KeyValuePair<string, string>($"metadata[{kv.Key}]", kv.Value)));
        if (evidence.VisaCompellingEvidence3 is { } ce3)
        {
            const string prefix = "evidence[enhanced_evidence][visa_compelling_evidence_3]";
            pairs.AddRange(Ce3Pairs($"{prefix}[disputed_transaction]", ce3.DisputedTransaction with { Charge = null }));
            for (var i = 0; i < ce3.PriorUndisputedTransactions.Count; i++)
            {
                pairs.AddRange(Ce3Pairs($"{prefix}[prior_undisputed_transactions][{i}]", ce3.PriorUndisputedTransactions[i] with { MerchandiseOrServices = null }));
            }
        }

        // Stripe's default is submit=true: always say which one is meant.
        pairs.Add(new("submit", submit ? "true" : "false"));
        var body = FormEncoder.Encode(pairs);
        return StripeMapper.Dispute(await ForDisputeAsync(disputeId, () => SendAsync(HttpMethod.Post, _options.ApiBase, $"/v1/disputes/{Uri.EscapeDataString(disputeId)}", [],
            () => new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"), cancellationToken, idempotencyKey)));
    }

    public async Task<Dispute> CloseDisputeAsync(string disputeId, string idempotencyKey, CancellationToken cancellationToken)
    {
        return StripeMapper.Dispute(await ForDisputeAsync(disputeId, () => SendAsync(HttpMethod.Post, _options.ApiBase, $"/v1/disputes/{Uri.EscapeDataString(disputeId)}/close", [],
            () => new StringContent(string.Empty, Encoding.UTF8, "application/x-www-form-urlencoded"), cancellationToken, idempotencyKey)));
    }

    /// <summary>Adds <paramref name="value"/> to a Radar value list; the new item's id (<c>rsli_…</c>).</summary>
    public async Task<string> AddRadarValueAsync(string valueListId, string value, string idempotencyKey, CancellationToken cancellationToken)
    {
        var body = FormEncoder.Encode([new("value_list", valueListId), new("value", value)]);
        var item = await SendAsync(HttpMethod.Post, _options.ApiBase, "/v1/radar/value_list_items", [],
            () => new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"), cancellationToken, idempotencyKey);
        return item["id"]?.GetValue<string>() ?? throw new InvalidDataException("Stripe answered a Radar value list item without an id.");
    }

    /// <summary>Removes a Radar value list item; false when Stripe no longer has it.</summary>
    public async Task<bool> RemoveRadarValueAsync(string itemId, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, _options.ApiBase, $"/v1/radar/value_list_items/{Uri.EscapeDataString(itemId)}", [], null, cancellationToken);
            return true;
        }
        catch (StripeException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private async Task<JsonObject> SendAsync(
        HttpMethod method, Uri baseUri, string path, List<KeyValuePair<string, string>> query, Func<HttpContent>? body,
        CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var uri = new Uri(baseUri, query.Count == 0 ? path : $"{path}?{FormEncoder.Encode(query)}");
        HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(method, uri) { Content = body?.Invoke() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            request.Headers.Add("Stripe-Version", StripeOptions.ApiVersion);
            if (idempotencyKey is not null)
            {
                // The same key on every attempt: Stripe replays instead of acting twice.
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            return request;
        }

        var response = await _transport.SendAsync(Build, baseUri == _options.FilesBase && path == "/v1/files", cancellationToken);
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(response.Body);
        }
        catch (JsonException)
        {
            json = null;
        }

        if (!response.IsSuccess)
        {
            var error = (json as JsonObject)?["error"] as JsonObject;
            throw new StripeException(
                response.Status,
                error?["type"]?.GetValue<string>(),
                error?["code"]?.GetValue<string>(),
                error?["param"]?.GetValue<string>(),
                error?["message"]?.GetValue<string>() ?? $"{method} {path} failed",
                response.RequestId);
        }

        // Something in front of Stripe (a proxy's error page, a cut-off answer): named, never printed.
        return json as JsonObject ?? throw new StripeException(
            response.Status, "api_error", null, null,
            $"{method} {path}: the answer is not Stripe's JSON ({response.Body.Length:N0} characters that do not parse; not shown)", response.RequestId);
    }
}
