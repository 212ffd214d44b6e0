using System.Diagnostics;

namespace DisputeKit.Rendering.Tests.Pdf;

/// <summary>Reads a PDF back with poppler's tools, as a bank reviewer's viewer would.</summary>
internal static class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dk-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken);
        try
        {
            return await RunAsync("pdftotext", ["-enc", "UTF-8", path, "-"], cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task<string> RunAsync(string tool, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start; install poppler-utils.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}");
    }
}
