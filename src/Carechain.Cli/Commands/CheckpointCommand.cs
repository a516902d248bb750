using System.CommandLine;
using Carechain.Client;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain checkpoint</c>: fetch the node's signed checkpoint, check its signature, and optionally save it as the trust anchor for offline proof checks.</summary>
internal static class CheckpointCommand
{
    public static Command Create()
    {
        var node = CommonOptions.Node();
        var output = new Option<string?>("--out") { Description = "Save the checkpoint to this file (replaced if it exists)" };
        var json = CommonOptions.Json();
        var command = new Command("checkpoint", "Fetch and check the node's signed checkpoint") { node, output, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            using var connection = context.Connect(context.Value(node)!);
            var checkpoint = await connection.Client.GetCheckpointAsync(context.CancellationToken);
            ProofDownload.RequireSigned(checkpoint, "the node's checkpoint");
            var path = context.Value(output);
            if (path is not null)
            {
                await EvidenceFiles.WriteCheckpointAsync(path, checkpoint, context.CancellationToken);
            }

            context.Emit(checkpoint, ui => Display.Fields(
                ui, ("chain", checkpoint.ChainId), ("height", checkpoint.Height), ("header", checkpoint.HeaderHash),
                ("log root", checkpoint.LogRoot), ("log size", checkpoint.LogSize), ("signer", checkpoint.Signer), ("file", path)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
