using System.CommandLine;
using Carechain.Client;
using Carechain.Client.Contracts;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain checkpoint</c>: fetch the node's signed checkpoint, check its signature, and optionally save it as the
/// trust anchor for offline proof checks; with <c>--certified</c>, fetch a checkpoint certificate (signed by a quorum of
/// the consortium's node keys) instead, checked against the genesis file when one is given.
/// </summary>
internal static class CheckpointCommand
{
    public static Command Create()
    {
        var node = CommonOptions.Node();
        var output = new Option<string?>("--out") { Description = "Save the checkpoint (or certificate) to this file (replaced if it exists)" };
        var certified = new Option<bool>("--certified") { Description = "Fetch a checkpoint certificate signed by a quorum of the node keys (consortium members)" };
        var height = new Option<long?>("--height") { Description = "With --certified: the certificate of this height instead of the latest" };
        var genesis = new Option<string?>("--genesis") { Description = "With --certified: check the certificate against this genesis file's node keys before saving it" };
        var json = CommonOptions.Json();
        var command = new Command("checkpoint", "Fetch and check the node's signed checkpoint, or a checkpoint certificate") { node, output, certified, height, genesis, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            if (!context.Value(certified))
            {
                if (context.Value(height) is not null || context.Value(genesis) is not null)
                {
                    throw CliException.Usage("--height and --genesis go with --certified");
                }

                return await SingleAsync(context, context.Value(node)!, context.Value(output));
            }

            return await CertifiedAsync(context, context.Value(node)!, context.Value(height), context.Value(genesis), context.Value(output));
        });
        return command;
    }

    private static async Task<int> SingleAsync(CliContext context, string node, string? path)
    {
        using var connection = context.Connect(node);
        var checkpoint = await connection.Client.GetCheckpointAsync(context.CancellationToken);
        ProofDownload.RequireSigned(checkpoint, "the node's checkpoint");
        if (path is not null)
        {
            await EvidenceFiles.WriteCheckpointAsync(path, checkpoint, context.CancellationToken);
        }

        context.Emit(checkpoint, ui => Display.Fields(
            ui, ("chain", checkpoint.ChainId), ("height", checkpoint.Height), ("header", checkpoint.HeaderHash),
            ("log root", checkpoint.LogRoot), ("log size", checkpoint.LogSize), ("signer", checkpoint.Signer), ("file", path)));
        return ExitCodes.Ok;
    }

    private static async Task<int> CertifiedAsync(CliContext context, string node, long? height, string? genesisPath, string? path)
    {
        if (height is < 0)
        {
            throw CliException.Usage("--height must not be negative");
        }

        var genesis = genesisPath is null ? null : await GenesisInput.ReadAsync(genesisPath, "--genesis", context.CancellationToken);
        CheckpointCertificateDto certificate;
        using (var connection = context.Connect(node))
        {
            certificate = await connection.Client.GetCertifiedCheckpointAsync(height, context.CancellationToken);
        }

        if (!ContractMapping.TryParse(certificate, out _, out var error))
        {
            throw CliException.Failed("invalid_certificate", $"the node's certificate is malformed: {error}");
        }

        if (genesis is not null && OfflineProofVerifier.VerifyCertificate(certificate, genesis) is { IsValid: false } verdict)
        {
            throw CliException.Failed("invalid_certificate", $"the node's certificate does not hold against the genesis: {verdict.Reason}");
        }

        if (path is not null)
        {
            await EvidenceFiles.WriteCertificateAsync(path, certificate, context.CancellationToken);
        }

        context.Emit(certificate, ui => Display.Fields(
            ui, ("chain", certificate.ChainId), ("height", certificate.Height), ("header", certificate.HeaderHash),
            ("state", certificate.StateCommitment), ("log root", certificate.LogRoot), ("log size", certificate.LogSize),
            ("signatures", certificate.Signatures.Count), ("checked against genesis", genesis is null ? "no" : "yes"), ("file", path)));
        return ExitCodes.Ok;
    }
}
