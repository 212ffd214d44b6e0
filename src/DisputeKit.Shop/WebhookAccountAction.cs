using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Accounts;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DisputeKit.Shop;

/// <summary>
/// Posts the account action to the shop as JSON, signed like Stripe signs its webhooks: header
/// <c>DisputeKit-Signature: t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>, and
/// <c>Idempotency-Key</c> the same on every try. A timeout, a connection failure, 408, 429 or a
/// 5xx is tried again; any other answer is final.
/// </summary>
public sealed class WebhookAccountAction : IAccountAction
{
    public const string SignatureHeader = "DisputeKit-Signature";

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly byte[] _secret;
    private readonly TimeProvider _clock;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public WebhookAccountAction(HttpClient http, AccountActionOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _url = new Uri(options.Url!);
        _secret = Encoding.UTF8.GetBytes(options.Secret!);
        _clock = clock;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        if (options.Attempts > 1)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(250),
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
            });
        }

        // Per try: a shop that hangs is tried again, not waited on forever.
        _pipeline = pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds)).Build();
    }

    /// <summary>The endpoint without user information or query (which could carry a secret).</summary>
    public string Target => $"webhook {_url.GetLeftPart(UriPartial.Path)}";

    public async Task<AccountActionAnswer> ApplyAsync(AccountActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Body(request);
        try
        {
            using var response = await _pipeline.ExecuteAsync(async ct =>
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
                message.Headers.Add(SignatureHeader, Sign(body, _clock.GetUtcNow().ToUnixTimeSeconds()));
                return await _http.SendAsync(message, ct);
            }, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var answer = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}{(text.Length > 0 ? ": " + Short(text) : string.Empty)}");
            return new AccountActionAnswer(response.IsSuccessStatusCode, answer);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            return new AccountActionAnswer(false, $"no answer from {_url.GetLeftPart(UriPartial.Path)}: {e.Message}");
        }
    }

    /// <summary>The signature header for <paramref name="body"/> sent at <paramref name="unixTime"/>.</summary>
    public string Sign(byte[] body, long unixTime)
    {
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(unixTime.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"t={unixTime},v1={Convert.ToHexStringLower(HMACSHA256.HashData(_secret, signed))}");
    }

    /// <summary>The JSON the shop receives: the same bytes on every try of one call.</summary>
    public static byte[] Body(AccountActionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var json = new JsonObject
        {
            ["id"] = request.IdempotencyKey,
            ["type"] = "account." + request.Action,
            ["flag_id"] = request.FlagId,
            ["customer_id"] = request.CustomerId,
            ["action"] = request.Action,
            ["reason"] = request.Reason,
            ["by"] = request.By,
            ["created"] = request.At.ToUnixTimeSeconds(),
            ["disputes"] = new JsonArray([.. request.Disputes.Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.DisputeId,
                ["reason"] = d.DisputeReason,
                ["amount"] = d.Amount,
                ["currency"] = d.Currency,
            })]),
        };
        return Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    private static string Short(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
}
