using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DisputeKit.Bench;

/// <summary>What every benchmark mode shares: its arguments, percentiles, the repository, the process's memory.</summary>
internal static class BenchSupport
{
    public static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The value at or above which <paramref name="p"/> of the sorted samples lie (nearest rank).</summary>
    public static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DisputeKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run the benchmarks from inside the repository (DisputeKit.sln not found).");
    }

    /// <summary>The process's peak resident memory so far (VmHWM), in MB; the working set where /proc is missing.</summary>
    /// <summary>The peak resident memory (VmHWM) of this process, or of the process <paramref name="pid"/>; 0 once that one has exited.</summary>
    public static double PeakMegabytes(int? pid = null)
    {
        var status = pid is { } id ? $"/proc/{id}/status" : "/proc/self/status";
        try
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            // No /proc here, or the process exited between the check and the read.
        }

        return pid is null ? Environment.WorkingSet / 1024.0 / 1024.0 : 0;
    }

    /// <summary>The PostgreSQL server a benchmark makes its database on: <c>--connection</c>, else DISPUTEKIT_TEST_POSTGRES, else the local one the tests use.</summary>
    public static string PostgresServer(string[] args) =>
        Arg(args, "--connection") ?? Environment.GetEnvironmentVariable("DISPUTEKIT_TEST_POSTGRES")
            ?? "Host=127.0.0.1;Port=5432;Username=disputekit;Password=disputekit;Database=postgres";

    /// <summary>Starts a program with its output redirected, without an inherited Stripe key, with <paramref name="environment"/> set.</summary>
    public static Process Start(string file, string[] args, string workDir, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("STRIPE_API_KEY");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs a program to its end; its output when it succeeded, else throws with what it said.</summary>
    public static async Task<string> RunToEndAsync(string file, string[] args, string workDir, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(file, args, workDir, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }

        return await output;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs one statement on its own unpooled connection (creating or dropping a benchmark's database).</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
