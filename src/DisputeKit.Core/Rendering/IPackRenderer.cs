namespace DisputeKit.Core.Rendering;

/// <summary>Port that turns a pack model into a PDF.</summary>
public interface IPackRenderer
{
    Task<byte[]> RenderPdfAsync(PackModel model, CancellationToken cancellationToken);
}
