namespace DisputeKit.Core.Tests.Builders;

/// <summary>Shared test time: a fixed instant all builders count from.</summary>
internal static class T
{
    public static readonly DateTimeOffset Zero = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Day(double days) => Zero.AddDays(days);

    public static DateTimeOffset Hour(double hours) => Zero.AddHours(hours);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;
}
