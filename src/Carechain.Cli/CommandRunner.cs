using System.CommandLine;
using Carechain.Client;
using Carechain.Core.Keys;

namespace Carechain.Cli;

/// <summary>
/// Runs a command body and turns every expected failure into one <c>error:</c> line and the matching
/// exit code (see <see cref="ExitCodes"/>). Anything else is caught once more in <see cref="Program"/>,
/// so no stack trace ever reaches the user.
/// </summary>
internal static class CommandRunner
{
    public static void SetAction(Command command, Option<bool> json, Func<CliContext, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(body);
        command.SetAction((parse, cancellationToken) => RunAsync(new CliContext(parse, parse.GetValue(json), cancellationToken), body));
    }

    private static async Task<int> RunAsync(CliContext context, Func<CliContext, Task<int>> body)
    {
        try
        {
            return await body(context);
        }
        catch (CliException ex)
        {
            return context.Fail(ex.ExitCode, ex.Code, ex.Message);
        }
        catch (CarechainApiException ex) when (ex.IsUnreachable)
        {
            return context.Fail(ExitCodes.Unreachable, ex.Code, $"node at {context.NodeUrl} is unreachable");
        }
        catch (CarechainApiException ex)
        {
            return context.Fail(ExitCodes.Failed, ex.Code, ex.Message);
        }
        catch (KeystoreException ex)
        {
            return context.Fail(ExitCodes.Usage, "keystore", ex.Message);
        }
        catch (EvidenceFileException ex)
        {
            return context.Fail(ExitCodes.Usage, "invalid_file", ex.Message);
        }
        catch (IOException ex)
        {
            return context.Fail(ExitCodes.Usage, "io", ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return context.Fail(ExitCodes.Usage, "io", ex.Message);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            return context.Fail(ExitCodes.Cancelled, "cancelled", "cancelled");
        }
    }
}
