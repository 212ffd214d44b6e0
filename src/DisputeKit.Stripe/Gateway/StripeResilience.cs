using System.Threading.RateLimiting;
using DisputeKit.Core.Telemetry;
using DisputeKit.Stripe.Client;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace DisputeKit.Stripe.Gateway;

/// <summary>
/// The one retry layer between Stripe.net and the network (Stripe.net's own retries are off):
/// an overall deadline per call; retries on connection failures, timeouts, 409, 429 and 5xx with
/// exponential backoff and jitter, <c>Stripe-Should-Retry</c> overriding the status and
/// <c>Retry-After</c> setting the wait; a circuit breaker so an outage does not burn a sweep; a
/// client-side rate limit per attempt (API and file uploads apart); a timeout per attempt. Every
/// attempt resends the same request — the same body and the same <c>Idempotency-Key</c>.
/// </summary>
public sealed class StripeResilience : IDisposable
{
    private readonly StripeOptions _options;
    private readonly DisputeKitMetrics? _metrics;
    private readonly TimeProvider _clock;
    private readonly TokenBucketRateLimiter _api;
    private readonly TokenBucketRateLimiter _files;
    private int _retries;

    public StripeResilience(StripeOptions options, TimeProvider clock, DisputeKitMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock;
        _metrics = metrics;
        _api = Limiter(options.EffectiveApiRequestsPerSecond);
        _files = Limiter(options.FilesRequestsPerSecond);
    }

    /// <summary>Retries made so far through this pipeline (calls may run concurrently).</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Adds the strategies, outermost first; this pipeline's clock drives every wait.</summary>
    public void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = _options;
        builder.TimeProvider = _clock;
        builder
            .AddTimeout(TimeSpan.FromSeconds(options.CallDeadlineSeconds))
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && ShouldRetry(args.Outcome)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(options.RetryMaxDelaySeconds),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, _clock.GetUtcNow()) is { } after
                    ? (TimeSpan?)TimeSpan.FromTicks(Math.Min(after.Ticks, TimeSpan.FromSeconds(options.RetryMaxDelaySeconds).Ticks))
                    : null),
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref _retries);
                    _metrics?.StripeRetry();
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(options.BreakerSamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(options.BreakerBreakSeconds),
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome)),
            })
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => args.Context.GetRequestMessage() is { } request && IsUpload(request)
                    ? _files.AcquireAsync(1, args.Context.CancellationToken)
                    : _api.AcquireAsync(1, args.Context.CancellationToken),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
    }

    /// <summary>The pipeline alone, for a handler built by hand (tests, tools) rather than by the HTTP client factory.</summary>
    public ResiliencePipeline<HttpResponseMessage> Build()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder);
        return builder.Build();
    }

    private static bool IsUpload(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath == "/v1/files";

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException or IOException;
        }

        // A replayed answer is what Stripe saved under the key: sending the key again gets it again.
        var response = outcome.Result!;
        return !Header(response, "Idempotent-Replayed").Equals("true", StringComparison.Ordinal)
            && (Header(response, "Stripe-Should-Retry") switch { "true" => true, "false" => false, _ => (int)response.StatusCode is 409 or 429 or >= 500 });
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() ?? string.Empty : string.Empty;

    private static bool IsOutage(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException or IOException
        || outcome.Result is { StatusCode: >= System.Net.HttpStatusCode.InternalServerError };

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

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
