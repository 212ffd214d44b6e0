using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Review.Tests;

public sealed class TemplatesTests
{
    private static readonly ReviewTemplates Pages = new(RepoPaths.Templates);

    [Fact]
    public void Render_CustomerTextWithMarkup_Escaped()
    {
        var list = new FlagListPage(
            [new FlagRow("C1", "/flags/C1", "<img src=x onerror=alert(1)>", "a\"b@example.test", "proposed", "suspend", "suspend", "fraudulent", 1, "10.00 EUR", 3, "2026-11-01 09:00 UTC", null)],
            [new Choice("open", "open", true)], [], [], 1);

        var html = Pages.Render("list", "Flagged accounts", null, list);

        html.ShouldContain("&lt;img src");
        html.ShouldNotContain("<img");
        html.ShouldContain("a&quot;b@example.test");
    }

    [Fact]
    public void Render_Flash_ShownOnce()
    {
        var session = new ReviewSession("id", "ana", ReviewRoles.Support, "csrf", DateTimeOffset.MaxValue) { Flash = new Flash(true, "Flag on C1 is confirmed.") };

        var first = Pages.Render("message", "x", session, extra: new() { ["heading"] = "h", ["text"] = "t" });
        var second = Pages.Render("message", "x", session, extra: new() { ["heading"] = "h", ["text"] = "t" });

        first.ShouldContain("Flag on C1 is confirmed.");
        second.ShouldNotContain("Flag on C1 is confirmed.");
    }

    [Fact]
    public void Create_MissingTemplate_PathNamed()
    {
        using var folder = new TempFolder("review-templates");
        Directory.CreateDirectory(Path.Combine(folder.Path, "review"));

        Should.Throw<FileNotFoundException>(() => new ReviewTemplates(folder.Path)).Message.ShouldContain(Path.Combine(folder.Path, "review", "head.hbs"));
    }
}
