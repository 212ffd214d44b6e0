using DisputeKit.Core.Json;
using DisputeKit.Core.Rendering;
using DisputeKit.Rendering.Templates;
using HandlebarsDotNet;

namespace DisputeKit.Rendering.Pdf;

/// <summary>
/// Renders <c>templates/pack/pack.hbs</c>, <c>transcript.hbs</c> and <c>policy.hbs</c>
/// (merchant-editable, no recompiling) to HTML and prints them with Chromium. Template fields are the pack model's in snake_case; every
/// <c>{{field}}</c> is HTML-escaped, so customer text always prints as text.
/// </summary>
public sealed partial class HandlebarsPackRenderer : IPackRenderer
{
    private readonly Dictionary<PackDocument, HandlebarsTemplate<object, object>> _templates = [];
    private readonly string _css;
    private readonly ChromiumPrinter _printer;

    /// <param name="templatesFolder">The resolved templates folder (holding <c>pack/</c>).</param>
    public HandlebarsPackRenderer(string templatesFolder, ChromiumPrinter printer)
    {
        var folder = Path.Combine(templatesFolder, "pack");

        // A private environment: no helper or partial registered elsewhere leaks into packs.
        var handlebars = Handlebars.Create();

        // The merchant's name, logo and contact, shared by every document.
        var brandPath = Path.Combine(folder, "brand.hbs");
        if (!File.Exists(brandPath))
        {
            throw new FileNotFoundException($"Pack template not found: {brandPath} (the merchant's header on every document, used as {{{{> brand}}}}).");
        }

        var brand = File.ReadAllText(brandPath);
        Compile(brandPath, brand, handlebars);
        handlebars.RegisterTemplate("brand", brand);
        foreach (var document in PackDocuments.All)
        {
            var templatePath = Path.Combine(folder, document.Template());
            if (!File.Exists(templatePath))
            {
                throw new FileNotFoundException($"Pack template not found: {templatePath} (the {document.Describe()} is made from it).");
            }

            _templates[document] = Compile(templatePath, File.ReadAllText(templatePath), handlebars);
        }

        var cssPath = Path.Combine(folder, "pack.css");
        _css = File.Exists(cssPath) ? File.ReadAllText(cssPath) : string.Empty;
        _printer = printer;
    }

    /// <summary>
    /// The template compiled, once it names only the partials there are; otherwise the
    /// file, the line and what is wrong, so a merchant's edit is refused at start rather than
    /// failing every dispute one by one.
    /// </summary>
    private static HandlebarsTemplate<object, object> Compile(string path, string text, IHandlebars handlebars)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (System.Text.RegularExpressions.Match partial in PartialReference().Matches(lines[i]))
            {
                if (partial.Groups[1].Value != "brand")
                {
                    throw new InvalidOperationException($"{path} line {i + 1}: the partial '{partial.Groups[1].Value}' does not exist (the templates share only {{{{> brand}}}}).");
                }
            }
        }

        try
        {
            return handlebars.Compile(text);
        }
        catch (HandlebarsException e)
        {
            throw new InvalidOperationException($"{path}: the template does not compile: {e.Message}", e);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{~?#?>\s*([^\s}]+)")]
    private static partial System.Text.RegularExpressions.Regex PartialReference();

    public string RenderHtml(PackModel model, PackDocument document = PackDocument.Pack)
    {
        var data = TemplateData.From(model);
        data["css"] = _css;
        data["document_title"] = document.Title(model);
        return _templates[document](data);
    }

    /// <summary>The document as PDF, its document information set from the model (author = merchant, creation date = the model's clock).</summary>
    public async Task<byte[]> RenderPdfAsync(PackModel model, PackDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var pdf = await _printer.PrintAsync(RenderHtml(model, document), $"{model.Merchant.Name} · dispute {model.DisputeId}", cancellationToken);
        return PdfFile.WithInfo(pdf, document.Title(model), model.Subject, model.Merchant.Name, model.Created);
    }

    public int CountPages(ReadOnlySpan<byte> pdf) => PdfFile.PageCount(pdf);

    public Task<byte[]> RenderPdfAsync(PackModel model, CancellationToken cancellationToken) =>
        RenderPdfAsync(model, PackDocument.Pack, cancellationToken);
}
