namespace DisputeKit.Core.Rendering;

/// <summary>
/// Keeps what is sent for one dispute within the networks' budgets (19 pages and 4 MB in all,
/// by default): renders, and again with long histories shortened one level further each time
/// (<see cref="PackTrim"/>), until the document fits or the tightest level is reached. What is
/// left out is said in the document.
/// </summary>
public sealed class PackBudget(IPackRenderer renderer, int maxPages, int maxBytes, Telemetry.DisputeKitMetrics? metrics = null)
{
    /// <summary>The whole pack, within the whole budget.</summary>
    public Task<RenderedPack> RenderAsync(Func<PackTrim, PackModel> build, CancellationToken cancellationToken) =>
        RenderAsync(build, PackDocument.Pack, Spent.None, Tighter.None, cancellationToken);

    /// <summary>
    /// One document within what is left of the budget once <paramref name="spent"/> (the
    /// documents already made for the dispute) is counted, and within <paramref name="tighter"/>
    /// limits where Stripe refused a longer one.
    /// </summary>
    public async Task<RenderedPack> RenderAsync(Func<PackTrim, PackModel> build, PackDocument document, Spent spent, Tighter tighter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(spent);
        ArgumentNullException.ThrowIfNull(tighter);
        RenderedPack? last = null;
        var pageBudget = Math.Min(maxPages, tighter.MaxPages ?? maxPages);
        foreach (var trim in PackTrim.Levels.Where(t => t.Level >= Math.Min(tighter.FromLevel, PackTrim.Levels[^1].Level)))
        {
            var pdf = await renderer.RenderPdfAsync(build(trim), document, cancellationToken);
            metrics?.ChromiumLoad(document.ToString().ToLowerInvariant());
            var pages = renderer.CountPages(pdf);
            last = new RenderedPack(pdf, pages, trim, OverBudget(document, pdf.Length, pages, spent, pageBudget));
            if (last.OverBudget is null)
            {
                return last;
            }
        }

        return last!;
    }

    /// <summary>Pages in a PDF the renderer printed.</summary>
    public int PageCount(ReadOnlySpan<byte> pdf) => renderer.CountPages(pdf);

    private string? OverBudget(PackDocument document, long bytes, int pages, Spent spent, int maxPages)
    {
        if (bytes + spent.Bytes <= maxBytes && pages + spent.Pages <= maxPages)
        {
            return null;
        }

        return spent.Pages == 0 && spent.Bytes == 0
            ? $"The {document.Describe()} is {Pages(pages)} and {bytes:N0} bytes, over the budget of {maxPages} pages and {maxBytes:N0} bytes even with long histories shortened; nothing was sent."
            : $"The {document.Describe()} would be {Pages(pages)} and {bytes:N0} bytes even with long histories shortened; with the {Pages(spent.Pages)} and {spent.Bytes:N0} bytes already sent that is over the budget of {maxPages} pages and {maxBytes:N0} bytes.";
    }

    private static string Pages(int n) => n == 1 ? "1 page" : $"{n} pages";

    /// <summary>
    /// Limits tighter than the budget, learned from Stripe's refusal of evidence over the card
    /// network's page limit: shortened to <paramref name="FromLevel"/> at least, and at most
    /// <paramref name="MaxPages"/> pages in all.
    /// </summary>
    public sealed record Tighter(int FromLevel, int? MaxPages)
    {
        public static Tighter None { get; } = new(0, null);
    }

    /// <summary>Pages and bytes already made for one dispute.</summary>
    public sealed record Spent(int Pages, long Bytes)
    {
        public static Spent None { get; } = new(0, 0);
    }
}

/// <summary>A rendered document, its page count, how far it was shortened, and why it is over budget (null when it fits).</summary>
public sealed record RenderedPack(byte[] Pdf, int Pages, PackTrim Trim, string? OverBudget);
