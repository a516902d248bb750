using System.CommandLine;
using Carechain.Client.Contracts;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain tx show TXID</c>: a committed transaction and its receipt.</summary>
internal static class TxCommands
{
    public static Command Create() => new("tx", "Inspect transactions") { Show() };

    private static Command Show()
    {
        var txId = new Argument<string>("txid") { Description = "The transaction id (64 hex characters)" };
        var node = CommonOptions.Node();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a committed transaction and its receipt") { txId, node, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var id = InputParsing.TxId(context.Value(txId));
            using var connection = context.Connect(context.Value(node)!);
            var tx = await connection.Client.GetTransactionAsync(id, context.CancellationToken);
            context.Emit(tx, ui => Display.Fields(
                ui, ("txId", tx.TxId), ("chain", tx.ChainId), ("author", tx.Author), ("nonce", tx.Nonce),
                ("operation", $"{tx.Module}/{tx.Operation}"), ("height", tx.Height), ("index", tx.Index), ("log index", tx.LogIndex),
                ("receipt", Receipt(tx.Receipt)), ("events", Events(tx.Receipt))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Receipt(ReceiptDto receipt) =>
        string.IsNullOrEmpty(receipt.ErrorCode) ? receipt.Status : $"{receipt.Status} ({receipt.ErrorCode})";

    private static string Events(ReceiptDto receipt) =>
        string.Join("; ", receipt.Events.Select(e => $"{e.Name} {string.Join(' ', e.Attributes.Select(a => $"{a.Key}={a.Value}"))}".Trim()));
}
