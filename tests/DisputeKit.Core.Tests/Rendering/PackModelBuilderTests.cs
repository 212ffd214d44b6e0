using DisputeKit.Core.Policies;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Rendering;

public sealed class PackModelBuilderTests
{
    private static readonly Branding Brand = new() { Name = "VipLikes" };

    private static async Task<(DisputeKit.Core.Evidence.EvidenceBundle Bundle, Verdict Verdict)> LongHistoryAsync()
    {
        var events = Records.Completed.ToList();
        for (var i = 0; i < 200; i++)
        {
            events.Add((30 + i, "count_snapshot", null, 1500 + i));
        }

        var records = new Records().With(new OrderBuilder().Build(), [.. events]);
        for (var i = 0; i < 100; i++)
        {
            records.Message($"M{i:000}", i % 2 == 0 ? "inbound" : "outbound", T.Day(2).AddHours(i), ["VL-1"], body: new string('x', 5_000));
        }

        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Build());
        return (bundle, PolicyEngine.Evaluate(bundle, Bundles.Policy));
    }

    [Fact]
    public async Task Build_Untrimmed_KeepsEverythingUpToTheFirstLevelAndSaysWhatItLeftOut()
    {
        var (bundle, verdict) = await LongHistoryAsync();

        var model = PackModelBuilder.Build(bundle, verdict, Bundles.Policy, Brand, T.Day(30));

        model.Messages.Count.ShouldBe(60);
        model.Messages[0].Subject.ShouldBe(string.Empty);
        model.MessagesNote.ShouldContain("40 of 100 messages");
        model.MessagesNote.ShouldContain("60 long messages are shortened to 4000 characters");
        var section = model.Deliveries.ShouldHaveSingleItem();
        section.Heading.ShouldBeEmpty("one order: no heading of its own");
        section.Timeline.Count.ShouldBe(3, "milestones only once the log is over 80 rows");
        section.TimelineNote.ShouldContain("200 of the 203 log entries");
        section.ChartSvg.ShouldNotBeNull().ShouldStartWith("<svg");
        model.Created.ShouldBe(T.Day(30));
        model.Subject.ShouldContain("order VL-1");
        model.Exhibits.Select(e => e.Letter).ShouldBe(["A", "B", "C", "D", "E"]);
    }

    [Fact]
    public async Task Build_TightestLevel_KeepsFirstAndLatestMessages()
    {
        var (bundle, verdict) = await LongHistoryAsync();

        var model = PackModelBuilder.Build(bundle, verdict, Bundles.Policy, Brand, T.Day(30), PackTrim.Levels[^1]);

        model.Messages.Count.ShouldBe(4);
        model.Messages.ShouldAllBe(m => m.Body.Length < 400);
        model.Messages[0].At.ShouldBe("2026-09-03 12:00 UTC");
        model.Messages[^1].At.ShouldBe(T.Day(2).AddHours(99).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        model.MessagesNote.ShouldContain("the first 1 and the latest 3 are shown");
    }
}
