using System.Diagnostics;

namespace DisputeKit.StripeFake;

/// <summary>
/// Faults to inject, on demand: a script of faults served to the next matching requests,
/// random 429s and 500s at given rates (seeded, so runs repeat), and a server-side rate limit
/// that answers 429 like Stripe once more than N requests arrive within one second.
/// </summary>
public sealed class FakeFaults
{
    private readonly Lock _gate = new();
    private readonly List<FakeFault> _script = [];
    private readonly Queue<long> _window = new();
    private Random _random = new(1);
    private double _p429;
    private double _p500;
    private double _pDropAfter;
    private double _pSaved500;
    private int? _perSecond;

    /// <summary>Faults served so far, by kind (e.g. <c>429</c>, <c>500</c>, <c>drop</c>, <c>drop_after_apply</c>, <c>slow</c>, <c>rate_limit</c>).</summary>
    public IReadOnlyDictionary<string, int> Served
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_served);
            }
        }
    }

    private readonly Dictionary<string, int> _served = new(StringComparer.Ordinal);

    /// <summary>Serves <paramref name="fault"/> to the next request it matches, once.</summary>
    public FakeFaults Enqueue(FakeFault fault, int times = 1)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _script.Add(fault);
            }
        }

        return this;
    }

    /// <summary>
    /// Answers a share of requests with 429 (no retry header) and 500 (<c>Stripe-Should-Retry: false</c> is not sent),
    /// drops the connection of another share after the request was applied, and answers another share
    /// of keyed requests with a 500 saved under the key (<see cref="FakeFault.Saved500"/>).
    /// </summary>
    public FakeFaults RandomRates(double p429, double p500, int seed, double pDropAfterApply = 0, double pSaved500 = 0)
    {
        lock (_gate)
        {
            _p429 = p429;
            _p500 = p500;
            _pDropAfter = pDropAfterApply;
            _pSaved500 = pSaved500;
            _random = new Random(seed);
        }

        return this;
    }

    /// <summary>Answers 429 once more than <paramref name="perSecond"/> requests arrived in the last second; null lifts it.</summary>
    public FakeFaults RateLimit(int? perSecond)
    {
        lock (_gate)
        {
            _perSecond = perSecond;
            _window.Clear();
        }

        return this;
    }

    internal FakeFault? Next(string method, string path)
    {
        lock (_gate)
        {
            // A failure saved under a key needs a request that carries one: only a POST.
            var index = _script.FindIndex(f => (f.PathPrefix is null || path.StartsWith(f.PathPrefix, StringComparison.Ordinal)) && (!f.SavedUnderKey || method == "POST"));
            if (index >= 0)
            {
                var fault = _script[index];
                _script.RemoveAt(index);
                Count(fault.Drop ? "drop" : fault.DropAfterApply ? "drop_after_apply" : fault.SavedUnderKey ? "saved_500" : fault.Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "slow");
                return fault;
            }

            if (_perSecond is { } limit)
            {
                var now = Stopwatch.GetTimestamp();
                while (_window.Count > 0 && Stopwatch.GetElapsedTime(_window.Peek(), now) >= TimeSpan.FromSeconds(1))
                {
                    _window.Dequeue();
                }

                if (_window.Count >= limit)
                {
                    Count("rate_limit");
                    return FakeFault.Http(429);
                }

                _window.Enqueue(now);
            }

            var roll = _random.NextDouble();
            if (roll < _p429)
            {
                Count("429");
                return FakeFault.Http(429);
            }

            if (roll < _p429 + _p500)
            {
                Count("500");
                return FakeFault.Http(500);
            }

            if (roll < _p429 + _p500 + _pDropAfter)
            {
                Count("drop_after_apply");
                return FakeFault.DropAfterApplying();
            }

            if (roll < _p429 + _p500 + _pDropAfter + _pSaved500)
            {
                // Half applied before failing, half not: Stripe's 500 says nothing about which.
                Count("saved_500");
                return FakeFault.Saved500(applied: _random.NextDouble() < 0.5);
            }

            return null;
        }
    }

    private void Count(string kind) => _served[kind] = _served.GetValueOrDefault(kind) + 1;
}
