namespace DisputeKit.Core.Rendering;

/// <summary>
/// Keeps packs within the networks' budgets (19 pages and 4 MB by default): renders, and again
/// with long histories shortened one level further each time (<see cref="PackTrim"/>), until
/// the pack fits or the tightest level is reached. What is left out is said in the pack.
/// </summary>
public sealed class PackBudget(IPackRenderer renderer, int maxPages, int maxBytes)
{
    public async Task<RenderedPack> RenderAsync(Func<PackTrim, PackModel> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        RenderedPack? last = null;
        foreach (var trim in PackTrim.Levels)
        {
            var pdf = await renderer.RenderPdfAsync(build(trim), cancellationToken);
            var pages = PdfFile.PageCount(pdf);
            last = new RenderedPack(pdf, pages, trim, OverBudget(pdf.Length, pages));
            if (last.OverBudget is null)
            {
                return last;
            }
        }

        return last!;
    }

    /// <summary>Why <paramref name="pdf"/> may not be sent, or null when it fits.</summary>
    public string? OverBudget(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        return OverBudget(pdf.Length, PdfFile.PageCount(pdf));
    }

    private string? OverBudget(long bytes, int pages) =>
        bytes > maxBytes || pages > maxPages
            ? $"The evidence pack is {pages} pages and {bytes:N0} bytes, over the budget of {maxPages} pages and {maxBytes:N0} bytes even with long histories shortened; nothing was sent."
            : null;
}

/// <summary>A rendered pack, its page count, how far it was shortened, and why it is over budget (null when it fits).</summary>
public sealed record RenderedPack(byte[] Pdf, int Pages, PackTrim Trim, string? OverBudget);
