using DisputeKit.Core.Accounts;
using DisputeKit.Core.Tests.Builders;

namespace DisputeKit.Core.Tests.Accounts;

/// <summary>A clock that moves only when told.</summary>
internal sealed class StepClock : TimeProvider
{
    private DateTimeOffset _now = T.Zero;

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}

/// <summary>A shop that records each call and answers as scripted (yes when nothing is queued).</summary>
internal sealed class RecordingShop : IAccountAction
{
    public List<AccountActionRequest> Calls { get; } = [];
    public Queue<bool> Answers { get; } = [];

    public string Target => "test shop";

    public Task<AccountActionAnswer> ApplyAsync(AccountActionRequest request, CancellationToken cancellationToken)
    {
        Calls.Add(request);
        var ok = Answers.Count == 0 || Answers.Dequeue();
        return Task.FromResult(new AccountActionAnswer(ok, ok ? "HTTP 200: done" : "HTTP 503: try later"));
    }
}
