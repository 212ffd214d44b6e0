using System.Data.Common;
using DisputeKit.Cli.Hosting;
using DisputeKit.Core.Disputes;
using DisputeKit.MerchantData;
using DisputeKit.Stripe.Client;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace DisputeKit.Cli.Commands;

/// <summary>Starts the service graph for a command and turns the expected failures into a message and an exit code.</summary>
internal static class CommandHost
{
    /// <summary>Above this, the file source's memory use is worth a warning.</summary>
    private const long LargeExport = 256L * 1024 * 1024;

    /// <param name="startFailed">
    /// Given, it answers a start that failed (with the message that would be printed) in place of
    /// the usual message and exit code: <c>health</c> reports it as a finding.
    /// </param>
    public static async Task<int> RunAsync(
        bool verbose, Func<AppHost, Task<int>> body, CancellationToken cancellationToken, bool worker = false, ReviewPage review = ReviewPage.Off,
        Func<string, Task<int>>? startFailed = null)
    {
        var (app, problem, code) = await StartAsync(verbose, worker, review, cancellationToken);
        if (app is null)
        {
            if (startFailed is not null)
            {
                return await startFailed(problem!);
            }

            await Console.Error.WriteLineAsync($"disputekit: {problem}");
            return code;
        }

        await using (app)
        {
            foreach (var issue in app.MerchantData.Issues)
            {
                await Console.Error.WriteLineAsync($"warning: merchant data: {issue}");
            }

            if (app.MerchantData.Bytes > LargeExport)
            {
                await Console.Error.WriteLineAsync(
                    $"warning: merchant data: the files hold {app.MerchantData.Bytes / (1024 * 1024)} MB, all of it read at every start by the file source (which keeps an index of every record, and CSV records whole); " +
                    "for exports this size import them into PostgreSQL (disputekit merchant import) and set DisputeKit:MerchantData:Kind to postgres.");
            }

            try
            {
                return await body(app);
            }
            catch (StripeException e) when (e.Status == 404)
            {
                await Console.Error.WriteLineAsync($"disputekit: {e.Message}");
                return ExitCodes.NotFound;
            }
            catch (EvidenceRefusedException e)
            {
                await Console.Error.WriteLineAsync($"disputekit: refused: {e.Message}");
                return ExitCodes.Refused;
            }
            catch (Exception e) when (e is StripeException or HttpRequestException or DisputeGatewayUnavailableException)
            {
                await Console.Error.WriteLineAsync($"disputekit: Stripe could not be used: {e.Message}");
                return ExitCodes.Unavailable;
            }
            catch (DbException e)
            {
                await Console.Error.WriteLineAsync($"disputekit: the PostgreSQL store could not be used: {e.Message}");
                return ExitCodes.Unavailable;
            }
            catch (Exception e) when (e is ArgumentException or UnauthorizedAccessException)
            {
                // A bad id, or a data folder this user may not write: named, not a stack trace.
                await Console.Error.WriteLineAsync($"disputekit: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OptionsValidationException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync($"disputekit: {e.Message}");
                return e is IOException ? ExitCodes.Unavailable : ExitCodes.BadInput;
            }
        }
    }

    /// <summary>The started host, or why it could not start and the exit code that says so.</summary>
    private static async Task<(AppHost? App, string? Problem, int Code)> StartAsync(bool verbose, bool worker, ReviewPage review, CancellationToken cancellationToken)
    {
        try
        {
            return (await AppHost.StartAsync(verbose, cancellationToken, worker, review), null, ExitCodes.Ok);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or OptionsValidationException or UnauthorizedAccessException)
        {
            return (null, e.Message, ExitCodes.BadInput);
        }
        catch (DbException e)
        {
            return (null, $"the PostgreSQL store could not be used: {e.Message}", ExitCodes.Unavailable);
        }
        catch (MerchantDataUnavailableException e)
        {
            return (null, e.Message, ExitCodes.Unavailable);
        }
    }

    /// <summary>Standard output as a Spectre console, wide enough for tables when redirected.</summary>
    public static IAnsiConsole Terminal()
    {
        // Redirected output goes to files and scripts: plain text, no colour codes.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>Asks before an irreversible step; without a terminal, only <c>--yes</c> confirms.</summary>
    public static bool Confirm(bool yes, string question)
    {
        if (yes)
        {
            return true;
        }

        if (Console.IsInputRedirected)
        {
            Console.Error.WriteLine($"disputekit: {question} Not confirmed: pass --yes to confirm without a terminal.");
            return false;
        }

        return AnsiConsole.Confirm(question, defaultValue: false);
    }
}
