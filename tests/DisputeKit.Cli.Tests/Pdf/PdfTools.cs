using System.Diagnostics;

namespace DisputeKit.Cli.Tests.Pdf;

/// <summary>poppler's command-line tools, to read packs back as a reviewer's viewer would.</summary>
internal static class PdfTools
{
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
