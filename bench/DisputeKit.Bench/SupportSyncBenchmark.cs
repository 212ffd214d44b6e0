using System.Diagnostics;
using System.Globalization;
using System.Text;
using DisputeKit.Testing;
using MailKit;
using MimeKit;
using static DisputeKit.Bench.BenchSupport;

namespace DisputeKit.Bench;

/// <summary>
/// <c>support --messages N [--store files|postgres] [--connection npgsql]</c>: N e-mails in a real
/// Dovecot on 127.0.0.1 (seven in ten in the inbox from 5,000 customers, the rest support's
/// replies in the sent folder; one in ten HTML, one in four with the earlier message quoted),
/// then the real <c>disputekit support sync</c> (Release) reads them all into the store: wall
/// time, messages a second, and peak resident memory of the process (VmHWM, sampled); then a
/// second sync with nothing new.
/// </summary>
internal static class SupportSyncBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Arg(args, "--messages", 50_000);
        var postgres = Arg(args, "--store") == "postgres";
        var connection = PostgresServer(args);
        var root = FindRoot();
        await using var mail = new Dovecot();
        await mail.InitializeAsync();
        var work = Path.Combine(Path.GetTempPath(), "dk-bench-support-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        string? database = null;
        try
        {
            var delivering = Stopwatch.StartNew();
            await DeliverAsync(mail, count);
            var delivered = delivering.Elapsed;

            await RunToEndAsync("dotnet", ["build", Path.Combine(root, "src", "DisputeKit.Cli"), "-c", "Release", "-v", "quiet", "-nologo"], root);
            var cli = Path.Combine(root, "src", "DisputeKit.Cli", "bin", "Release", "net10.0", "disputekit.dll");
            var settings = new Dictionary<string, string>
            {
                ["DisputeKit__DataPath"] = Path.Combine(work, "data"),
                ["DisputeKit__MerchantDataPath"] = Path.Combine(root, "samples", "default"),
                ["DisputeKit__TemplatesPath"] = Path.Combine(root, "templates"),
                ["DisputeKit__Support__Sources__0__Kind"] = "imap",
                ["DisputeKit__Support__Sources__0__Address"] = Dovecot.Address,
                ["DisputeKit__Support__Sources__0__Host"] = "127.0.0.1",
                ["DisputeKit__Support__Sources__0__Port"] = mail.Port.ToString(CultureInfo.InvariantCulture),
                ["DisputeKit__Support__Sources__0__Security"] = "none",
                ["DISPUTEKIT_IMAP_PASSWORD"] = Dovecot.Password,
            };
            if (postgres)
            {
                database = "dk_bench_support_" + Guid.NewGuid().ToString("N")[..12];
                await ExecuteAsync(connection, $"create database {database}");
                settings["DisputeKit__Store__Kind"] = "postgres";
                settings["DisputeKit__Store__ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(connection) { Database = database }.ConnectionString;
            }

            var (first, firstPeak, firstOutput) = await SyncAsync(cli, work, settings);
            var (again, _, againOutput) = await SyncAsync(cli, work, settings);
            Console.WriteLine($"""
                Support sync benchmark — {TimeProvider.System.GetUtcNow():yyyy-MM-dd}, {(postgres ? "PostgreSQL" : "file")} store, Dovecot {count:N0} messages
                delivered to the mailbox in {delivered.TotalSeconds:0.0} s (MULTIAPPEND, 500 a command)
                first sync: {first.TotalSeconds:0.0} s, {count / first.TotalSeconds:N0} messages/s, peak resident memory {firstPeak:0} MB
                  {firstOutput.Trim()}
                second sync (nothing new): {again.TotalSeconds:0.00} s
                  {againOutput.Trim()}
                """);
            return 0;
        }
        finally
        {
            if (database is not null)
            {
                await ExecuteAsync(connection, $"drop database if exists {database} with (force)");
            }

            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>One run of <c>support sync</c>: its wall time, its peak resident memory, and what it printed.</summary>
    private static async Task<(TimeSpan Wall, double PeakMb, string Output)> SyncAsync(string cli, string work, Dictionary<string, string> settings)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start("dotnet", [cli, "support", "sync"], work, settings);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var peak = 0.0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakMegabytes(process.Id));
            await Task.Delay(50);
        }

        await process.WaitForExitAsync();
        var wall = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"support sync failed ({process.ExitCode}): {await error}{await output}");
        }

        return (wall, peak, await output);
    }

    private static async Task DeliverAsync(Dovecot mail, int count)
    {
        var random = new Random(20261203);
        using var client = await mail.ClientAsync(CancellationToken.None);
        var inbox = await client.GetFolderAsync("INBOX");
        var sent = await client.GetFolderAsync("Sent");
        var start = new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var batchIn = new List<IAppendRequest>();
        var batchOut = new List<IAppendRequest>();
        for (var i = 0; i < count; i++)
        {
            var customer = random.Next(5_000);
            var order = $"VL-{200_000 + random.Next(50_000)}";
            var outbound = random.NextDouble() < 0.3;
            var message = new MimeMessage();
            var customerAddress = new MailboxAddress($"Customer {customer}", $"c{customer}@mail.example");
            var support = new MailboxAddress("Support", Dovecot.Address);
            message.From.Add(outbound ? support : customerAddress);
            message.To.Add(outbound ? customerAddress : support);
            message.Subject = outbound ? $"Re: order {order}" : $"Question about {order}";
            message.Date = start.AddMinutes(random.Next(365 * 24 * 60));
            message.MessageId = $"m{i}@{(outbound ? "shop" : "mail")}.example";
            var text = new StringBuilder();
            for (var s = random.Next(2, 10); s > 0; s--)
            {
                text.Append("Hello, I ordered followers for my account last week and the count has not moved since the start of the campaign. ");
            }

            if (random.NextDouble() < 0.25)
            {
                text.Append("\n\nOn Mon, 2 Nov 2026 at 09:00, Support <support@shop.example> wrote:\n> We have started your order.\n> Kind regards");
            }

            message.Body = random.NextDouble() < 0.1
                ? new TextPart("html") { Text = $"<html><body><p>{System.Net.WebUtility.HtmlEncode(text.ToString())}</p></body></html>" }
                : new TextPart("plain") { Text = text.ToString() };
            (outbound ? batchOut : batchIn).Add(new AppendRequest(message));
            foreach (var (batch, folder) in new[] { (batchIn, inbox), (batchOut, sent) })
            {
                if (batch.Count == 500 || (i == count - 1 && batch.Count > 0))
                {
                    await folder.AppendAsync(batch);
                    batch.Clear();
                }
            }
        }

        await client.DisconnectAsync(true);
    }
}
