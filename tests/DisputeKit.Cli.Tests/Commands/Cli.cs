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

    /// <summary>
    /// Starts the program (<c>serve</c> or <c>run</c>) with its output collected, and waits up to 90 s
    /// until it prints where its review page listens.
    /// </summary>
    public static async Task<Serving> StartServingAsync(string workDir, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        var serving = new Serving(Start(workDir, environment, args));
        serving.Url = new Uri(await serving.Address.Task.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken));
        return serving;
    }

    /// <summary>A running program serving the review page, and everything it printed.</summary>
    public sealed class Serving : IDisposable
    {
        /// <summary>What the program prints once it listens: the review page's address, or the webhook endpoint's when it serves no page.</summary>
        private static readonly string[] Markers = ["review page on ", "Stripe webhooks on "];
        private readonly System.Text.StringBuilder _log = new();

        internal Serving(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) =>
            {
                Append(e.Data);
                foreach (var marker in Markers)
                {
                    if (e.Data?.IndexOf(marker, StringComparison.Ordinal) is >= 0 and var at)
                    {
                        Address.TrySetResult(new Uri(e.Data[(at + marker.Length)..].Split(',')[0].Trim()).GetLeftPart(UriPartial.Authority));
                    }
                }
            };
            process.Exited += (_, _) => Address.TrySetException(new InvalidOperationException("disputekit exited before serving:\n" + Log));
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        internal TaskCompletionSource<string> Address { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Process Process { get; }

        public Uri Url { get; internal set; } = null!;

        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_log)
                {
                    _log.AppendLine(line);
                }
            }
        }

        /// <summary>A test that failed before stopping the program does not leave it running.</summary>
        public void Dispose()
        {
            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill(entireProcessTree: true);
                    Process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // It had already gone.
            }

            Process.Dispose();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test when it does not within <paramref name="limit"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Shouldly.ShouldBeTestExtensions.ShouldBeLessThan(waited.Elapsed, limit, "the program did not get there in time");
            await Task.Delay(100, cancellationToken);
        }
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

    /// <summary>A copy of the sample set (records and Stripe seeds) in <paramref name="work"/>, for a test to break.</summary>
    public static string CopySamples(TempFolder work, string name = "merchant")
    {
        var merchant = work.Sub(name);
        foreach (var file in Directory.GetFiles(Samples, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(merchant, Path.GetRelativePath(Samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return merchant;
    }

    /// <summary>The sample set's disputes, with what each should end as (<c>scenarios.json</c>).</summary>
    public static IReadOnlyList<System.Text.Json.Nodes.JsonObject> SampleScenarios { get; } =
        [.. System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "scenarios.json")))!.AsArray().Cast<System.Text.Json.Nodes.JsonObject>()];

    /// <summary>How many of the sample set's disputes a clean sweep leaves in <paramref name="state"/>.</summary>
    public static int SampleExpected(string state) => SampleScenarios.Count(s => s["expected_state"]!.GetValue<string>() == state);

    /// <summary>The summary line a clean sweep of the sample set prints.</summary>
    public static string SampleSummary =>
        $"{SampleScenarios.Count} disputes: {SampleExpected("staged")} staged, 0 submitted, {SampleExpected("set_aside")} set aside for a person, {SampleExpected("skipped")} skipped, 0 failed";

    /// <summary>A TCP port on 127.0.0.1 free just now, for a program a test starts to listen on.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Settings that point a run at the repository's samples and templates and a private data folder.</summary>
    public static Dictionary<string, string> Settings(string dataPath, string? merchantData = null) => new()
    {
        ["DisputeKit__DataPath"] = dataPath,
        ["DisputeKit__MerchantDataPath"] = merchantData ?? Samples,
        ["DisputeKit__TemplatesPath"] = RepoPaths.Templates,
    };
}
