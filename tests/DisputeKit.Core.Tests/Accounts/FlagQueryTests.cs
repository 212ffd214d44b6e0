using DisputeKit.Core.Accounts;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Accounts;

public sealed class FlagQueryTests
{
    private static AccountFlag Flag(string customer, string state, long amount, double createdDay, string reason = "product_not_received") => new()
    {
        CustomerId = customer,
        State = state,
        Severity = "suspend",
        SuggestedAction = "suspend",
        Disputes = [new FlaggedDispute("dp_" + customer, reason, amount, "eur", "suspend", "no contact")],
        CreatedAt = T.Day(createdDay),
        UpdatedAt = T.Day(createdDay),
    };

    private static readonly AccountFlag[] Flags =
    [
        Flag("A", FlagStates.Proposed, 1_000, 0),
        Flag("B", FlagStates.Confirmed, 9_000, -10, "fraudulent"),
        Flag("C", FlagStates.Lifted, 5_000, -40),
        Flag("D", FlagStates.Proposed, 5_000, -7),
    ];

    private static string[] Customers(FlagQuery query) => [.. query.Apply(Flags, T.Zero).Select(f => f.CustomerId)];

    [Fact]
    public void Apply_NoFilter_EveryFlagMostMoneyFirst_TiesOldestFirst() =>
        Customers(new FlagQuery()).ShouldBe(["B", "C", "D", "A"]);

    [Theory]
    [InlineData("open", new[] { "B", "D", "A" })]
    [InlineData("proposed", new[] { "D", "A" })]
    [InlineData("lifted", new[] { "C" })]
    [InlineData("expired", new string[0])]
    [InlineData("all", new[] { "B", "C", "D", "A" })]
    public void Apply_ByState(string state, string[] expected) => Customers(new FlagQuery(state)).ShouldBe(expected);

    [Fact]
    public void Apply_ByReason_AnyDisputeOfThatReason() => Customers(new FlagQuery(Reason: "fraudulent")).ShouldBe(["B"]);

    [Theory]
    [InlineData("under-7", new[] { "A" })]
    [InlineData("7-30", new[] { "B", "D" })]
    [InlineData("over-30", new[] { "C" })]
    public void Apply_ByAge_SevenDaysOldIsInTheMiddleBand(string age, string[] expected) => Customers(new FlagQuery(Age: age)).ShouldBe(expected);

    [Theory]
    [InlineData("closed", null, "Unknown flag state 'closed'")]
    [InlineData(null, "week", "Unknown age 'week'")]
    public void Problem_UnknownValues_Named(string? state, string? age, string expected) =>
        new FlagQuery(state, null, age).Problem()!.ShouldStartWith(expected);
}
