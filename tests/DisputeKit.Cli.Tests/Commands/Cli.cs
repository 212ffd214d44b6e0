using System.Diagnostics;
using DisputeKit.Testing;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>Runs the real <c>disputekit</c> program as a separate process, the way finance and the CI do.</summary>
internal static class Cli
{
    public static string Root => RepoPaths.Root;

    public static string Samples => RepoPaths.Samples;

    public sealed record Run(int ExitCode, string Output, string Error);

    public static Task<Run> RunAsync(string workDir, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(workDir, environment, null, cancellationToken, args);

    /// <summary>Runs the program with <paramref name="input"/> as its standard input (closed after it).</summary>
    public static async Task<Run> RunAsync(string workDir, IReadOnlyDictionary<string, string> environment, string? input, CancellationToken cancellationToken, params string[] args)
    {
        using var process = Start(workDir, environment, input is not null, args);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Run(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the program and leaves it running; the caller reads its output and ends it.</summary>
    public static Process Start(string workDir, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(workDir, environment, false, args);

    private static Process Start(string workDir, IReadOnlyDictionary<string, string> environment, bool input, string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "disputekit"))
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("STRIPE_API_KEY");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Asks the program to stop (SIGTERM, as a service manager does) and waits up to a minute for it to exit.</summary>
    public static async Task TerminateAsync(Process process, CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Settings that point a run at the repository's samples and templates and a private data folder.</summary>
    public static Dictionary<string, string> Settings(string dataPath, string? merchantData = null) => new()
    {
        ["DisputeKit__DataPath"] = dataPath,
        ["DisputeKit__MerchantDataPath"] = merchantData ?? Samples,
        ["DisputeKit__TemplatesPath"] = RepoPaths.Templates,
    };
}
