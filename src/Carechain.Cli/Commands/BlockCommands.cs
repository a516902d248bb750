using System.CommandLine;
using System.Globalization;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Spectre.Console;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain block show HEIGHT|HASH</c>: a block's header and transaction ids.</summary>
internal static class BlockCommands
{
    public static Command Create() => new("block", "Inspect blocks") { Show() };

    public static void ShowHeader(IAnsiConsole ui, BlockHeaderDto header) =>
        Display.Fields(
            ui, ("height", header.Height), ("hash", header.Hash), ("previous", header.PreviousHash),
            ("time", DateTimeOffset.FromUnixTimeMilliseconds(header.TimestampMs).ToString("u", CultureInfo.InvariantCulture)),
            ("transactions", header.TxCount), ("tx root", header.TxRoot), ("log root", header.LogRoot), ("log size", header.LogSize),
            ("state", header.StateCommitment), ("producer", header.Producer));

    private static Command Show()
    {
        var block = new Argument<string>("block") { Description = "A block height, or a block hash (64 hex characters)" };
        var node = CommonOptions.Node();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a block by height or hash") { block, node, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var text = context.Value(block)!;
            using var connection = context.Connect(context.Value(node)!);
            var ct = context.CancellationToken;
            BlockDto answer;
            if (text.Length == Hash256.Size * 2 && Hash256.TryParse(text, out var hash))
            {
                answer = await connection.Client.GetBlockAsync(hash, ct);
            }
            else if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var height))
            {
                answer = await connection.Client.GetBlockAsync(height, ct);
            }
            else
            {
                throw CliException.Usage($"'{text}' is neither a block height nor a 64-character block hash");
            }

            context.Emit(answer, ui =>
            {
                ShowHeader(ui, answer.Header);
                if (answer.TxIds.Count > 0)
                {
                    Display.Table(ui, ["#", "transaction"], answer.TxIds.Select((id, i) => new[] { i.ToString(CultureInfo.InvariantCulture), id }));
                }
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
