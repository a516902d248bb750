using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using Carechain.Cli.Commands;
using Carechain.Client;

namespace Carechain.Cli;

/// <summary>
/// The <c>carechain</c> entry point. Whatever happens, the process ends with an exit code from
/// <see cref="ExitCodes"/> and at most one <c>error:</c> line on stderr; parse errors are usage errors (2).
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>The root command with every command of <see cref="CommandCatalog.All"/>.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("Carechain client: keys, notary anchors, identities, blocks and offline proof checks.");
        foreach (var command in CommandCatalog.All())
        {
            root.Add(command);
        }

        return root;
    }

    /// <summary>Runs one command line in-process, writing to the given streams instead of the console.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parse = BuildRootCommand().Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            var message = CliText.OneLine(parse.Errors[0].Message);
            error.WriteLine($"error: {message} (see --help)");
            if (args.Contains("--json"))
            {
                output.WriteLine(JsonSerializer.Serialize(new { error = message, code = "usage", exitCode = ExitCodes.Usage }, CarechainJson.Wire));
            }

            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("error: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            // Last line of defence: a bug must still end as one line, not a stack trace.
            error.WriteLine($"error: unexpected failure ({ex.GetType().Name}): {CliText.OneLine(ex.Message)}");
            return ExitCodes.Failed;
        }
    }
}
