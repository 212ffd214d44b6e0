using DisputeKit.Core.Json;
using HandlebarsDotNet;
using DisputeKit.Rendering.Templates;

namespace DisputeKit.Review;

/// <summary>
/// The review pages, from <c>templates/review/*.hbs</c> and <c>review.css</c>. Every
/// <c>{{field}}</c> is HTML-escaped, so customer text (names, messages) always shows as text.
/// </summary>
public sealed class ReviewTemplates
{
    public static IReadOnlyList<string> Pages { get; } = ["signin", "list", "flag", "message", "queue", "case", "submit", "accept", "outcomes"];

    private readonly Dictionary<string, HandlebarsTemplate<object, object>> _pages = new(StringComparer.Ordinal);

    /// <param name="templatesFolder">The resolved templates folder (holding <c>review/</c>).</param>
    public ReviewTemplates(string templatesFolder)
    {
        var folder = Path.Combine(templatesFolder, "review");
        var handlebars = Handlebars.Create();
        handlebars.RegisterTemplate("head", Read(folder, "head.hbs"));
        handlebars.RegisterTemplate("foot", Read(folder, "foot.hbs"));
        handlebars.RegisterTemplate("panel", Read(folder, "panel.hbs"));
        foreach (var page in Pages)
        {
            _pages[page] = handlebars.Compile(Read(folder, page + ".hbs"));
        }

        Css = Read(folder, "review.css");
    }

    public string Css { get; }

    /// <summary>A whole page: the layout's fields (title, who is signed in, the form token, a message) and the page's model as <c>page</c>.</summary>
    public string Render(string page, string title, ReviewSession? session, object? model = null, Dictionary<string, object?>? extra = null)
    {
        var data = extra ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        data["title"] = title;
        data["user"] = session?.User;
        data["role"] = session?.Role;
        data["support"] = session is not null && ReviewRoles.DecidesFlags(session.Role);
        data["finance"] = session is not null && ReviewRoles.AnswersDisputes(session.Role);
        data["csrf"] = session?.Csrf;
        if (session?.Flash is { } flash)
        {
            data["flash"] = new Dictionary<string, object?> { ["ok"] = flash.Ok, ["message"] = flash.Message };
            session.Flash = null;
        }

        if (model is not null)
        {
            data["page"] = TemplateData.From(model);
        }

        return _pages[page](data);
    }

    private static string Read(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"Review page template not found: {path}.");
    }
}
