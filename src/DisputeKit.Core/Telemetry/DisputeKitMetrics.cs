using System.Diagnostics.Metrics;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Sweeps;

namespace DisputeKit.Core.Telemetry;

/// <summary>
/// DisputeKit's meter (<c>DisputeKit</c>): cases by state, sweep duration, Stripe calls and
/// retries. Readable by any metrics listener (dotnet-counters, OpenTelemetry); the totals are
/// also kept here so each sweep summary can say what that sweep cost.
/// </summary>
public sealed class DisputeKitMetrics : IDisposable
{
    public const string MeterName = "DisputeKit";

    private readonly Meter _meter;
    private readonly Counter<long> _stripeCalls;
    private readonly Counter<long> _stripeRetries;
    private readonly Histogram<double> _sweepDuration;
    private readonly Counter<long> _chromiumLoads;
    private long _calls;
    private long _loads;
    private long _retries;
    private IReadOnlyDictionary<CaseState, int> _casesByState = new Dictionary<CaseState, int>();

    public DisputeKitMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _stripeCalls = _meter.CreateCounter<long>("disputekit.stripe.calls", "{call}", "HTTP requests sent to Stripe, each attempt counted");
        _stripeRetries = _meter.CreateCounter<long>("disputekit.stripe.retries", "{retry}", "Stripe requests sent again after a retryable failure");
        _sweepDuration = _meter.CreateHistogram<double>("disputekit.sweep.duration", "s", "How long one sweep took");
        _chromiumLoads = _meter.CreateCounter<long>("disputekit.chromium.loads", "{load}", "Documents (packs, transcripts, policies) loaded into Chromium and printed, each trim level counted");
        _meter.CreateObservableGauge("disputekit.cases", ObserveCases, "{case}", "Cases by state after the last sweep");
    }

    public long StripeCalls => Interlocked.Read(ref _calls);

    public long StripeRetries => Interlocked.Read(ref _retries);

    /// <summary>Documents loaded into Chromium and printed so far.</summary>
    public long ChromiumLoads => Interlocked.Read(ref _loads);

    public void ChromiumLoad(string document)
    {
        Interlocked.Increment(ref _loads);
        _chromiumLoads.Add(1, new KeyValuePair<string, object?>("document", document));
    }

    public IReadOnlyDictionary<CaseState, int> CasesByState => Volatile.Read(ref _casesByState);

    public void StripeCall(string method, int status)
    {
        Interlocked.Increment(ref _calls);
        _stripeCalls.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("status", status));
    }

    public void StripeRetry()
    {
        Interlocked.Increment(ref _retries);
        _stripeRetries.Add(1);
    }

    public void SweepFinished(SweepScope scope, TimeSpan duration, IReadOnlyDictionary<CaseState, int> casesByState)
    {
        _sweepDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("scope", scope.ToString().ToLowerInvariant()));
        Volatile.Write(ref _casesByState, casesByState);
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> ObserveCases() =>
        CasesByState.Select(kv => new Measurement<int>(kv.Value, new KeyValuePair<string, object?>("state", kv.Key.ToString().ToLowerInvariant())));
}
