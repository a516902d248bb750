using System.CommandLine;
using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Carechain.Modules.Notary;
using Spectre.Console;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain anchor FILE | --hash HEX</c>: records a document's SHA-256 on the chain through the
/// notary module, waits for the block, and saves a proof file plus the checkpoint it verifies against.
/// The document itself never leaves this machine.
/// </summary>
internal static class AnchorCommand
{
    private const string DefaultMediaType = "application/octet-stream";

    // Below this, hashing is over before a progress bar could be read.
    private const long ProgressThresholdBytes = 64L * 1024 * 1024;

    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "The document to anchor (hashed locally)", Arity = ArgumentArity.ZeroOrOne };
        var hash = new Option<string?>("--hash") { Description = "Anchor this SHA-256 (64 hex characters) instead of hashing a file" };
        var key = CommonOptions.Key();
        var node = CommonOptions.Node();
        var passphraseEnv = CommonOptions.PassphraseEnv();
        var label = new Option<string?>("--label") { Description = $"A short label, at most {AnchorRequest.MaxLabelBytes} bytes (default: none). It is public: no personal data" };
        var mediaType = new Option<string>("--media-type") { Description = "The document's media type", DefaultValueFactory = _ => DefaultMediaType };
        var proofOut = new Option<string?>("--proof-out") { Description = "Where to write the proof file (default: FILE.proof.json or HASH.proof.json)" };
        var json = CommonOptions.Json();
        var command = new Command("anchor", "Anchor a document's hash on the chain and save a proof of it")
        {
            file, hash, key, node, passphraseEnv, label, mediaType, proofOut, json,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(file) is null) == (result.GetValue(hash) is null))
            {
                result.AddError("give exactly one of FILE or --hash");
            }
        });
        CommandRunner.SetAction(command, json, context => RunAsync(context, new Inputs(
            context.Value(file), context.Value(hash), context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv),
            context.Value(label), context.Value(mediaType)!, context.Value(proofOut))));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, Inputs inputs)
    {
        var ct = context.CancellationToken;
        Hash256 givenHash = default;
        if (inputs.File is null && !Hash256.TryParse(inputs.Hash, out givenHash))
        {
            throw CliException.Usage("--hash must be 64 hexadecimal characters (a SHA-256)");
        }

        if (inputs.File is not null && !File.Exists(inputs.File))
        {
            throw CliException.Usage($"file {inputs.File} does not exist");
        }

        // No default from the file name: clinical file names often name the patient, and labels go on the chain.
        var label = inputs.Label ?? string.Empty;
        if (AnchorLabels.Problem(label, inputs.MediaType) is { } problem)
        {
            throw CliException.Usage(problem);
        }

        var proofPath = inputs.ProofOut ?? (inputs.File ?? givenHash.ToString()) + ".proof.json";
        var checkpointPath = ProofDownload.CheckpointPathFor(proofPath);
        if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(proofPath))))
        {
            // Found out now rather than after the anchor is already on the chain.
            throw CliException.Usage($"the directory of {proofPath} does not exist");
        }

        using var key = await KeyFiles.OpenAsync(context, inputs.KeyFile, inputs.PassphraseEnv);
        var documentHash = inputs.File is null ? givenHash : await HashAsync(context, inputs.File);
        using var connection = context.Connect(inputs.Node);
        var client = connection.Client;
        var signer = await TransactionSigner.ForNodeAsync(client, key, ct);
        var transaction = await signer.CreateAnchorAsync(new AnchorRequest(documentHash, label, inputs.MediaType), ct);
        var response = await Submission.SubmitAsync(signer, transaction, ct);
        if (!Submission.Succeeded(response.Receipt!))
        {
            throw await RejectedAsync(client, documentHash, response, ct);
        }

        var height = response.Height!.Value;
        var checkpoint = await ProofDownload.CheckpointCoveringAsync(client, signer.ChainId, height, ct);
        var proof = await ProofDownload.ProveAsync(client, transaction.Id, checkpoint, ct);
        await EvidenceFiles.WriteCheckpointAsync(checkpointPath, checkpoint, ct);
        await EvidenceFiles.WriteProofAsync(proofPath, proof, ct);
        context.Emit(
            new
            {
                txId = transaction.Id.ToString(),
                height,
                documentHash = documentHash.ToString(),
                label,
                mediaType = inputs.MediaType,
                proofFile = proofPath,
                checkpointFile = checkpointPath,
                checkpointHeight = checkpoint.Height,
                logSize = checkpoint.LogSize,
            },
            ui => Display.Fields(
                ui, ("txId", transaction.Id), ("height", height), ("document", documentHash), ("label", label),
                ("proofFile", proofPath), ("checkpointFile", checkpointPath)));
        return ExitCodes.Ok;
    }

    private static async Task<Hash256> HashAsync(CliContext context, string path)
    {
        var length = new FileInfo(path).Length;
        if (!context.IsInteractive || length < ProgressThresholdBytes)
        {
            return await FileHasher.Sha256Async(path, null, context.CancellationToken);
        }

        return await context.Ui.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask($"hashing {Markup.Escape(Path.GetFileName(path))}", maxValue: length);
            return await FileHasher.Sha256Async(path, new Progress<long>(done => task.Value = done), context.CancellationToken);
        });
    }

    /// <summary>The notary refuses a second anchor of the same hash; point to the first one, whose proof is what the user wants.</summary>
    private static async Task<CliException> RejectedAsync(CarechainClient client, Hash256 documentHash, SubmitTransactionResponse response, CancellationToken ct)
    {
        var code = response.Receipt!.ErrorCode;
        if (code == NotaryErrors.AlreadyAnchored)
        {
            try
            {
                var first = await client.GetAnchorAsync(documentHash, ct);
                return CliException.Failed(
                    code,
                    $"document {documentHash} was already anchored in transaction {first.TxId} at height {first.Height}; fetch its proof with 'carechain proof get {first.TxId}'");
            }
            catch (CarechainApiException)
            {
                // Fall through to the plain rejection: the anchor lookup was only a courtesy.
            }
        }

        return CliException.Failed(
            string.IsNullOrEmpty(code) ? "rejected" : code,
            $"transaction {response.TxId} was committed at height {response.Height} but rejected: {code}");
    }

    private sealed record Inputs(
        string? File, string? Hash, string KeyFile, string Node, string? PassphraseEnv, string? Label, string MediaType, string? ProofOut);
}
