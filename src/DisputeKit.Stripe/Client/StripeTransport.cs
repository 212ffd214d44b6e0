using System.Threading.RateLimiting;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Telemetry;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DisputeKit.Stripe.Client;

/// <summary>
/// Sends requests to Stripe the way its own libraries do, and better under load: each attempt
/// waits for a client-side rate-limit token, has its own timeout, and is retried on connection
/// failures, timeouts, 409, 429 and 5xx with exponential backoff and jitter —
/// <c>Stripe-Should-Retry</c> overrides the status and <c>Retry-After</c> sets the wait. A
/// circuit breaker stops a Stripe outage from burning a whole sweep, and a deadline bounds
/// every call. The caller builds a fresh request per attempt with the same idempotency key.
/// </summary>
internal sealed class StripeTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<StripeResponse> _pipeline;
    private readonly TokenBucketRateLimiter _api;
    private readonly TokenBucketRateLimiter _files;
    private readonly TimeProvider _clock;

    private readonly DisputeKitMetrics? _metrics;

    public StripeTransport(HttpClient http, StripeOptions options, TimeProvider clock, DisputeKitMetrics? metrics = null)
    {
        _http = http;
        _metrics = metrics;
        _clock = clock;
        _api = Limiter(options.EffectiveApiRequestsPerSecond);
        _files = Limiter(options.FilesRequestsPerSecond);
        _pipeline = new ResiliencePipelineBuilder<StripeResponse> { TimeProvider = clock }
            .AddTimeout(TimeSpan.FromSeconds(options.CallDeadlineSeconds))
            .AddRetry(new RetryStrategyOptions<StripeResponse>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && ShouldRetry(args.Outcome)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(options.RetryMaxDelaySeconds),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } after
                    ? (TimeSpan?)TimeSpan.FromTicks(Math.Min(after.Ticks, TimeSpan.FromSeconds(options.RetryMaxDelaySeconds).Ticks))
                    : null),
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _retries);
                    _metrics?.StripeRetry();
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<StripeResponse>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(options.BreakerSamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(options.BreakerBreakSeconds),
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome)),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds))
            .Build();
    }

    private int _retries;

    /// <summary>Retries made so far (for telemetry and tests); calls may run concurrently.</summary>
    public int Retries => Volatile.Read(ref _retries);

    public async Task<StripeResponse> SendAsync(Func<HttpRequestMessage> build, bool filesHost, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async token => await AttemptAsync(build, filesHost ? _files : _api, token), cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            throw new DisputeGatewayUnavailableException(
                "Stripe is failing too often (connection failures, timeouts or 5xx); requests are paused. Try again later.", e);
        }
        catch (TimeoutRejectedException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"Stripe did not answer in time: {e.Message}", e);
        }
    }

    private async ValueTask<StripeResponse> AttemptAsync(Func<HttpRequestMessage> build, RateLimiter limiter, CancellationToken token)
    {
        using var lease = await limiter.AcquireAsync(1, token);
        using var request = build();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
        var body = await response.Content.ReadAsStringAsync(token);
        _metrics?.StripeCall(request.Method.Method, (int)response.StatusCode);
        return new StripeResponse(
            (int)response.StatusCode,
            body,
            Header(response, "Request-Id"),
            Header(response, "Stripe-Should-Retry") switch { "true" => true, "false" => false, _ => null },
            RetryAfter(response, _clock.GetUtcNow()));
    }

    private static bool ShouldRetry(Outcome<StripeResponse> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException or IOException;
        }

        var response = outcome.Result!;
        return response.ShouldRetry ?? response.Status is 409 or 429 or >= 500;
    }

    private static bool IsOutage(Outcome<StripeResponse> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException or IOException
        || outcome.Result is { Status: >= 500 };

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>A smooth bucket: one token every 1/rate seconds and no bursts, so no one-second window sees more than rate + 1.</summary>
    private static TokenBucketRateLimiter Limiter(int perSecond) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 1,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / perSecond),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    public void Dispose()
    {
        _api.Dispose();
        _files.Dispose();
    }
}
