using System.Diagnostics;

namespace DisputeKit.Testing;

/// <summary>Runs a command-line tool (pdftotext, pdfinfo, …) and returns what it printed, or says why it failed.</summary>
internal static class Tool
{
    public static async Task<string> RunAsync(string tool, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start; install poppler-utils.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
    }

    /// <summary>The text of a PDF as pdftotext reads it.</summary>
    public static Task<string> PdfTextAsync(byte[] pdf, CancellationToken cancellationToken) =>
        OnPdfAsync(pdf, "pdftotext", path => ["-enc", "UTF-8", path, "-"], cancellationToken);

    /// <summary>What pdfinfo says of a PDF (ISO dates).</summary>
    public static Task<string> PdfInfoAsync(byte[] pdf, CancellationToken cancellationToken) =>
        OnPdfAsync(pdf, "pdfinfo", path => ["-isodates", path], cancellationToken);

    /// <summary>qpdf's structural check of a PDF; throws with qpdf's words when the file is damaged.</summary>
    public static Task<string> QpdfCheckAsync(byte[] pdf, CancellationToken cancellationToken) =>
        OnPdfAsync(pdf, "qpdf", path => ["--check", path], cancellationToken);

    /// <summary>The images embedded in a PDF, one line each after pdfimages' two header lines.</summary>
    public static async Task<int> PdfImageCountAsync(byte[] pdf, CancellationToken cancellationToken) =>
        (await OnPdfAsync(pdf, "pdfimages", path => ["-list", path], cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 2;

    private static async Task<string> OnPdfAsync(byte[] pdf, string tool, Func<string, string[]> args, CancellationToken cancellationToken)
    {
        using var folder = new TempFolder("pdf");
        var path = Path.Combine(folder.Path, "pack.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken);
        return await RunAsync(tool, args(path), cancellationToken);
    }
}
