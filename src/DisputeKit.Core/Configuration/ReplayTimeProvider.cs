namespace DisputeKit.Core.Configuration;

/// <summary>A clock that starts at a given instant and then runs at real speed.</summary>
public sealed class ReplayTimeProvider(DateTimeOffset start, TimeProvider inner) : TimeProvider
{
    private readonly long _startedAt = inner.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + inner.GetElapsedTime(_startedAt);

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;
}
