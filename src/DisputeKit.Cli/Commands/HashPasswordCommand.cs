using System.CommandLine;
using DisputeKit.Review;
using Spectre.Console;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit hash-password</c>: the hash to configure for a reviewer (DisputeKit:Review:Users:&lt;name&gt;:Password).</summary>
internal static class HashPasswordCommand
{
    public const int MinLength = 12;

    public static Command Build()
    {
        var command = new Command("hash-password", $"Read a reviewer's password (asked twice on a terminal, else one line of standard input; at least {MinLength} characters) and print its hash for DisputeKit:Review:Users:<name>:Password.");
        command.SetAction(async (parse, ct) =>
        {
            string? password;
            if (Console.IsInputRedirected)
            {
                password = await Console.In.ReadLineAsync(ct);
            }
            else
            {
                password = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
                if (AnsiConsole.Prompt(new TextPrompt<string>("Again:").Secret()) != password)
                {
                    await Console.Error.WriteLineAsync("disputekit: the two passwords differ; nothing printed.");
                    return ExitCodes.BadInput;
                }
            }

            if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            {
                await Console.Error.WriteLineAsync($"disputekit: the password must have at least {MinLength} characters; nothing printed.");
                return ExitCodes.BadInput;
            }

            await Console.Out.WriteLineAsync(PasswordHash.Create(password));
            return ExitCodes.Ok;
        });
        return command;
    }
}
