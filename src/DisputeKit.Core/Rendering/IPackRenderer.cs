namespace DisputeKit.Core.Rendering;

/// <summary>Port that turns a pack model into a PDF: the whole pack, or one of the documents sent beside it.</summary>
public interface IPackRenderer
{
    Task<byte[]> RenderPdfAsync(PackModel model, PackDocument document, CancellationToken cancellationToken);

    /// <summary>Pages in a PDF this renderer printed.</summary>
    int CountPages(ReadOnlySpan<byte> pdf);

    /// <summary>The whole evidence pack.</summary>
    Task<byte[]> RenderPdfAsync(PackModel model, CancellationToken cancellationToken) =>
        RenderPdfAsync(model, PackDocument.Pack, cancellationToken);
}
