using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DisputeKit.Core.Json;
using DisputeKit.Core.Rendering;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>
/// Prints a small PDF-shaped file per model: the same model gives the same bytes (as the real
/// renderer does), with a page count per document, and counts how often each was printed.
/// </summary>
internal sealed class FakeRenderer : IPackRenderer
{
    public Dictionary<PackDocument, int> Pages { get; } = new() { [PackDocument.Pack] = 4, [PackDocument.Transcript] = 2, [PackDocument.Policy] = 1 };

    public List<PackDocument> Printed { get; } = [];

    private readonly List<PackDocument> _faults = [];

    /// <summary>The next print of <paramref name="document"/> fails, as a browser that crashed does.</summary>
    public void FailNext(PackDocument document) => _faults.Add(document);

    public int CountPages(ReadOnlySpan<byte> pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        return (text.Length - text.Replace("/Type /Page", string.Empty, StringComparison.Ordinal).Length) / "/Type /Page".Length;
    }

    public Task<byte[]> RenderPdfAsync(PackModel model, PackDocument document, CancellationToken cancellationToken)
    {
        if (_faults.Remove(document))
        {
            throw new TimeoutException($"Chromium did not print the {document} in time.");
        }

        Printed.Add(document);
        var digest = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(model, DisputeKitJson.Options)));
        var text = new StringBuilder("%PDF-1.4\n");
        for (var i = 0; i < Pages[document]; i++)
        {
            text.Append("<< /Type /Page >>\n");
        }

        text.Append("% ").Append(document).Append(' ').Append(digest).Append("\n%%EOF\n");
        return Task.FromResult(Encoding.Latin1.GetBytes(text.ToString()));
    }
}
