namespace DisputeKit.Core.Rendering;

/// <summary>
/// How much of long histories a pack shows. A pack over its page budget is rendered again one
/// level tighter; whatever is left out is said in the pack, never cut silently.
/// </summary>
/// <param name="OrderCharts">How many orders of a purchase keep their delivery chart (the rest keep their log); a charge that paid for one order always does.</param>
public sealed record PackTrim(int Level, int Messages, int MessageChars, int TimelineRows, int PriorOrders, int ActivityRows, int OrderCharts = int.MaxValue)
{
    public static IReadOnlyList<PackTrim> Levels { get; } =
    [
        new(0, Messages: 60, MessageChars: 4_000, TimelineRows: 80, PriorOrders: 25, ActivityRows: 40),
        new(1, Messages: 25, MessageChars: 1_500, TimelineRows: 40, PriorOrders: 12, ActivityRows: 20),
        new(2, Messages: 10, MessageChars: 600, TimelineRows: 20, PriorOrders: 6, ActivityRows: 10),
        new(3, Messages: 4, MessageChars: 300, TimelineRows: 10, PriorOrders: 3, ActivityRows: 5, OrderCharts: 1),
    ];

    public static PackTrim None { get; } = Levels[0];
}
