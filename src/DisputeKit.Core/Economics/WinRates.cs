using System.Globalization;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;

namespace DisputeKit.Core.Economics;

/// <summary>
/// Win rates by reason: the configured base rates until the seller has enough outcomes of its
/// own for a reason, then the seller's rate blended with the base rate (the base counting as
/// <see cref="EconomicsOptions.BaseRateWeight"/> cases), so one lucky month does not swing it.
/// </summary>
public sealed class WinRates
{
    private readonly EconomicsOptions _options;
    private readonly Dictionary<string, (int Won, int Lost)> _outcomes;

    private WinRates(EconomicsOptions options, Dictionary<string, (int Won, int Lost)> outcomes)
    {
        _options = options;
        _outcomes = outcomes;
    }

    /// <summary>
    /// Learns from cases the seller fought (evidence staged or submitted, by DisputeKit or
    /// elsewhere) whose dispute Stripe has since closed as won or lost.
    /// </summary>
    public static WinRates From(IEnumerable<DisputeCase> cases, EconomicsOptions options)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var learner = new Learner(options);
        foreach (var c in cases)
        {
            learner.Learn(c);
        }

        return learner.Rates();
    }

    /// <summary>Learns from cases one at a time, as a scan of the store reads them, holding only the counts.</summary>
    public sealed class Learner(EconomicsOptions options)
    {
        private readonly Dictionary<string, (int Won, int Lost)> _outcomes = new(StringComparer.Ordinal);

        public void Learn(DisputeCase c)
        {
            ArgumentNullException.ThrowIfNull(c);

            // The outcome recorded when Stripe closed the dispute; older case files have only the status.
            var status = c.Outcome?.Status ?? c.Status;
            if (!(c.Outcome?.Fought ?? c.WasFought) || status is not (DisputeStatus.Won or DisputeStatus.Lost))
            {
                return;
            }

            var (won, lost) = _outcomes.GetValueOrDefault(c.Reason);
            _outcomes[c.Reason] = status == DisputeStatus.Won ? (won + 1, lost) : (won, lost + 1);
        }

        public WinRates Rates() => new(options, new Dictionary<string, (int Won, int Lost)>(_outcomes, StringComparer.Ordinal));
    }

    /// <summary>The win rate for <paramref name="reason"/> with evidence of average strength, and how it was found.</summary>
    public (double Rate, string Basis) For(string reason)
    {
        var prior = _options.BaseWinRates.TryGetValue(reason, out var r) ? r : _options.BaseWinRates.GetValueOrDefault("default", 0.2);
        var (won, lost) = _outcomes.GetValueOrDefault(reason);
        var n = won + lost;
        if (n < _options.MinOutcomesToLearn)
        {
            return (prior, string.Create(CultureInfo.InvariantCulture,
                $"base rate {prior:P0} for {reason} ({n} own outcome{(n == 1 ? string.Empty : "s")}, {_options.MinOutcomesToLearn} needed to learn)"));
        }

        var k = _options.BaseRateWeight;
        var rate = (won + k * prior) / (n + k);
        return (rate, string.Create(CultureInfo.InvariantCulture,
            $"{rate:P0} learned from the seller's {n} fought {reason} disputes ({won} won) and the base rate {prior:P0}"));
    }
}
