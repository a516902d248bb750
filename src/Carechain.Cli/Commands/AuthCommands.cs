using System.CommandLine;
using Spectre.Console;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain auth token</c>: signs a node's challenge with the key and prints a short-lived bearer token.</summary>
internal static class AuthCommands
{
    public static Command Create() => new("auth", "Sign in to a node with a key") { Token() };

    private static Command Token()
    {
        var signed = SignedCommand.Options();
        var command = new Command("token", "Print a short-lived bearer token for the key (send it as 'Authorization: Bearer TOKEN')");
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var token = await signed.TokenAsync(context);

            // Human output is the bare token, so TOKEN=$(carechain auth token ...) works.
            context.Emit(token, ui => ui.Write(new Text(token.Token + "\n")));
            return ExitCodes.Ok;
        });
        return command;
    }
}
