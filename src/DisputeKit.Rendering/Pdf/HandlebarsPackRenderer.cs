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
public sealed class HandlebarsPackRenderer : IPackRenderer
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

        handlebars.RegisterTemplate("brand", File.ReadAllText(brandPath));
        foreach (var document in PackDocuments.All)
        {
            var templatePath = Path.Combine(folder, document.Template());
            if (!File.Exists(templatePath))
            {
                throw new FileNotFoundException($"Pack template not found: {templatePath} (the {document.Describe()} is made from it).");
            }

            _templates[document] = handlebars.Compile(File.ReadAllText(templatePath));
        }

        var cssPath = Path.Combine(folder, "pack.css");
        _css = File.Exists(cssPath) ? File.ReadAllText(cssPath) : string.Empty;
        _printer = printer;
    }

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
