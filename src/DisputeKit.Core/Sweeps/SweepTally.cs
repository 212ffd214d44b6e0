using DisputeKit.Core.Cases;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// A sweep's summary, added up as each dispute is done: counts, the cases by state, and a
/// bounded few outcomes to show (the most valuable, and the most urgent). Every outcome goes to
/// the sweep log as it comes; none is kept here beyond those few, so a sweep of ten thousand
/// disputes sums up in the same memory as one of ten. Safe to add to from several tasks.
/// </summary>
public sealed class SweepTally
{
    /// <summary>How many outcomes of each kind the summary keeps to show.</summary>
    public const int Shown = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<CaseState, int> _cases;
    private readonly Dictionary<CaseState, int> _worked = [];
    // Least valuable at the root, so the one to drop when a more valuable outcome comes is at hand.
    private readonly PriorityQueue<CaseOutcome, CaseOutcome> _valuable = new(ByValue.Instance);
    // The latest deadline at the root, likewise.
    private readonly PriorityQueue<CaseOutcome, CaseOutcome> _urgent = new(ByUrgency.Instance);
    private int _disputes;
    private int _changed;
    private int _urgentCount;
    private int _elsewhere;

    /// <param name="casesByState">The stored cases by state before the sweep; each outcome moves one from the state it had to the one it has.</param>
    public SweepTally(IReadOnlyDictionary<CaseState, int>? casesByState = null) =>
        _cases = casesByState is null ? [] : new Dictionary<CaseState, int>(casesByState);

    public void Add(CaseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_gate)
        {
            _disputes++;
            _changed += outcome.Changed ? 1 : 0;
            if (outcome.ClaimedElsewhere)
            {
                _elsewhere++;
            }
            else
            {
                _worked[outcome.State] = _worked.GetValueOrDefault(outcome.State) + 1;
            }

            if (outcome.Was is { } was)
            {
                _cases[was] = _cases.GetValueOrDefault(was) - 1;
            }

            _cases[outcome.State] = _cases.GetValueOrDefault(outcome.State) + 1;
            Keep(_valuable, outcome, ByValue.Instance);
            if (outcome.Urgent)
            {
                _urgentCount++;
                Keep(_urgent, outcome, ByUrgency.Instance);
            }
        }
    }

    /// <summary>The summary so far; the runner adds what it measured around the work.</summary>
    public SweepResult Result(SweepScope scope, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        lock (_gate)
        {
            return new SweepResult
            {
                Scope = scope,
                StartedAt = startedAt,
                FinishedAt = finishedAt,
                Disputes = _disputes,
                Changed = _changed,
                Urgent = _urgentCount,
                Elsewhere = _elsewhere,
                Worked = new SortedDictionary<CaseState, int>(_worked),
                Valuable = [.. _valuable.UnorderedItems.Select(i => i.Element).Order(ByValue.Instance).Reverse()],
                UrgentShown = [.. _urgent.UnorderedItems.Select(i => i.Element).Order(ByUrgency.Instance).Reverse()],
            };
        }
    }

    /// <summary>The stored cases by state after the outcomes so far (a case another process changed meanwhile can leave a count a step behind; never below zero).</summary>
    public IReadOnlyDictionary<CaseState, int> CasesByState()
    {
        lock (_gate)
        {
            return _cases.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value);
        }
    }

    private static void Keep(PriorityQueue<CaseOutcome, CaseOutcome> kept, CaseOutcome outcome, IComparer<CaseOutcome> order)
    {
        if (kept.Count < Shown)
        {
            kept.Enqueue(outcome, outcome);
        }
        else if (order.Compare(outcome, kept.Peek()) > 0)
        {
            kept.DequeueEnqueue(outcome, outcome);
        }
    }

    /// <summary>More valuable is greater: expected gain, then the sooner deadline, then the dispute id.</summary>
    private sealed class ByValue : IComparer<CaseOutcome>
    {
        public static readonly ByValue Instance = new();

        public int Compare(CaseOutcome? x, CaseOutcome? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byGain = (x.ExpectedGain ?? long.MinValue).CompareTo(y.ExpectedGain ?? long.MinValue);
            if (byGain != 0)
            {
                return byGain;
            }

            var byDue = (y.DueBy ?? DateTimeOffset.MaxValue).CompareTo(x.DueBy ?? DateTimeOffset.MaxValue);
            return byDue != 0 ? byDue : string.CompareOrdinal(y.DisputeId, x.DisputeId);
        }
    }

    /// <summary>More urgent is greater: the sooner deadline, then the dispute id.</summary>
    private sealed class ByUrgency : IComparer<CaseOutcome>
    {
        public static readonly ByUrgency Instance = new();

        public int Compare(CaseOutcome? x, CaseOutcome? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byDue = (y.DueBy ?? DateTimeOffset.MaxValue).CompareTo(x.DueBy ?? DateTimeOffset.MaxValue);
            return byDue != 0 ? byDue : string.CompareOrdinal(y.DisputeId, x.DisputeId);
        }
    }
}
