using System.CommandLine;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain head</c>: the header of the node's latest block.</summary>
internal static class HeadCommand
{
    public static Command Create()
    {
        var node = CommonOptions.Node();
        var json = CommonOptions.Json();
        var command = new Command("head", "Show the header of the node's latest block") { node, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            using var connection = context.Connect(context.Value(node)!);
            var header = await connection.Client.GetHeadAsync(context.CancellationToken);
            context.Emit(header, ui => BlockCommands.ShowHeader(ui, header));
            return ExitCodes.Ok;
        });
        return command;
    }
}
