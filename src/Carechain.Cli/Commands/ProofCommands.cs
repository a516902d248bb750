using System.CommandLine;
using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain proof get|extend|verify</c>: fetch an inclusion proof against a saved checkpoint, bridge an
/// existing proof to a newer checkpoint, and check a proof offline.
/// </summary>
internal static class ProofCommands
{
    public static Command Create() => new("proof", "Fetch and check inclusion proofs") { Get(), Extend(), Verify() };

    private static Command Get()
    {
        var txId = new Argument<string>("txid") { Description = "The transaction id (64 hex characters)" };
        var node = CommonOptions.Node();
        var checkpointFile = new Option<string>("--checkpoint") { Description = "A saved checkpoint; the proof is taken at its log size", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the proof file (replaced if it exists)", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("get", "Fetch an inclusion proof at a saved checkpoint's size (refreshes a proof against a newer checkpoint)")
        {
            txId, node, checkpointFile, output, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            var ct = context.CancellationToken;
            var id = InputParsing.TxId(context.Value(txId));
            var checkpoint = await EvidenceFiles.ReadCheckpointAsync(context.Value(checkpointFile)!, ct);
            ProofDownload.RequireSigned(checkpoint, $"the checkpoint in {context.Value(checkpointFile)}");
            using var connection = context.Connect(context.Value(node)!);
            var proof = await ProofDownload.ProveAsync(connection.Client, id, checkpoint, ct);
            var path = context.Value(output)!;
            await EvidenceFiles.WriteProofAsync(path, proof, ct);
            Report(context, proof, path);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Extend()
    {
        var proofFile = new Argument<string>("prooffile") { Description = "The proof file to extend (rewritten in place unless --out is given)" };
        var node = CommonOptions.Node();
        var checkpointFile = new Option<string>("--checkpoint") { Description = "The newer saved checkpoint to bridge the proof to", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the extended proof here instead of over PROOFFILE" };
        var json = CommonOptions.Json();
        var command = new Command("extend", "Add a consistency proof from a proof's checkpoint to a newer saved checkpoint, keeping the original inclusion proof")
        {
            proofFile, node, checkpointFile, output, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            var ct = context.CancellationToken;
            var proof = await EvidenceFiles.ReadProofAsync(context.Value(proofFile)!, ct);
            var checkpoint = await EvidenceFiles.ReadCheckpointAsync(context.Value(checkpointFile)!, ct);
            ProofDownload.RequireSigned(checkpoint, $"the checkpoint in {context.Value(checkpointFile)}");
            using var connection = context.Connect(context.Value(node)!);
            var from = proof.Inclusion.TreeSize;
            var extended = proof with
            {
                Consistency = checkpoint.LogSize > from ? await connection.Client.GetConsistencyProofAsync(from, checkpoint.LogSize, ct) : null,
            };
            var verdict = OfflineProofVerifier.Verify(extended, checkpoint);
            if (!verdict.IsValid)
            {
                throw CliException.Failed("invalid_proof", $"the extended proof does not verify against the checkpoint: {verdict.Reason}");
            }

            var path = context.Value(output) ?? context.Value(proofFile)!;
            await EvidenceFiles.WriteProofAsync(path, extended, ct);
            Report(context, extended, path);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Verify()
    {
        var proofFile = new Argument<string?>("prooffile")
        {
            Description = "The proof file to check (may be left out with --certificate, to check the certificate alone)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var checkpointFile = new Option<string?>("--checkpoint") { Description = "The checkpoint you trust (from 'carechain checkpoint' or published out of band)" };
        var certificateFile = new Option<string?>("--certificate")
        {
            Description = "Instead of --checkpoint: a checkpoint certificate (from 'carechain checkpoint --certified'), checked against --genesis",
        };
        var genesisFile = new Option<string?>("--genesis") { Description = "The consortium's genesis file: its node keys and quorum decide whether a certificate holds" };
        var trustedKeys = new Option<string[]>("--trusted-key")
        {
            Description = "Accept only checkpoints signed by this node key (hex); repeat for several keys",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = CommonOptions.Json();
        var command = new Command("verify", "Check a proof file offline against a trusted checkpoint or a certificate; exit 0 only when it holds")
        {
            proofFile, checkpointFile, certificateFile, genesisFile, trustedKeys, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            var ct = context.CancellationToken;
            var proofPath = context.Value(proofFile);
            var checkpointPath = context.Value(checkpointFile);
            var certificatePath = context.Value(certificateFile);
            var genesisPath = context.Value(genesisFile);
            if ((checkpointPath is null) == (certificatePath is null))
            {
                throw CliException.Usage("give either --checkpoint or --certificate");
            }

            if (certificatePath is not null && (genesisPath is null || context.Value(trustedKeys) is { Length: > 0 }))
            {
                throw CliException.Usage("--certificate needs --genesis (and trusts its node keys, not --trusted-key)");
            }

            if (proofPath is null && checkpointPath is not null)
            {
                throw CliException.Usage("give the proof file to check against --checkpoint");
            }

            (ProofFile? proof, ProofVerificationResult verdict) = certificatePath is not null
                ? await ReadAndVerifyCertifiedAsync(proofPath, certificatePath, await GenesisInput.ReadAsync(genesisPath!, "--genesis", ct), ct)
                : await ReadAndVerifyAsync(proofPath!, checkpointPath!, ParseKeys(context.Value(trustedKeys)), ct);
            var reason = verdict.Failure == ProofFailure.MissingConsistencyProof && checkpointPath is not null
                ? $"{verdict.Reason}; run 'carechain proof get {proof!.Inclusion.TxId} --node URL --checkpoint {Quoted(checkpointPath)} --out {Quoted(proofPath!)}' to refresh the proof"
                : verdict.Reason;
            var result = new
            {
                valid = verdict.IsValid,
                failure = verdict.Failure.ToString(),
                reason,
                txId = proof?.Inclusion.TxId,
                proofFile = proofPath,
                checkpointFile = checkpointPath,
                certificateFile = certificatePath,
            };
            if (verdict.IsValid)
            {
                context.Emit(result, ui => Display.Line(ui, proofPath is null ? reason : $"proof holds: {reason}"));
                return ExitCodes.Ok;
            }

            // A JSON caller still gets the verdict object; a person reads the error line alone.
            context.Emit(result, static _ => { });
            context.Error.WriteLine(proofPath is null
                ? $"error: certificate does not hold: {CliText.OneLine(reason)}"
                : $"error: proof does not hold: {CliText.OneLine(reason)}");
            return ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>Reads both files and verifies; content that cannot be read is a proof that does not hold (exit 1), not a usage error.</summary>
    private static async Task<(ProofFile? Proof, ProofVerificationResult Verdict)> ReadAndVerifyAsync(
        string proofPath, string checkpointPath, Ed25519PublicKey[]? signers, CancellationToken ct)
    {
        ProofFile proof;
        try
        {
            proof = await EvidenceFiles.ReadProofAsync(proofPath, ct);
        }
        catch (EvidenceFileException ex)
        {
            return (null, new ProofVerificationResult(ProofFailure.MalformedProof, ex.Message));
        }

        try
        {
            return (proof, OfflineProofVerifier.Verify(proof, await EvidenceFiles.ReadCheckpointAsync(checkpointPath, ct), signers));
        }
        catch (EvidenceFileException ex)
        {
            return (proof, new ProofVerificationResult(ProofFailure.MalformedCheckpoint, ex.Message));
        }
    }

    /// <summary>Checks the certificate against the genesis, and the proof (when given) against the certificate.</summary>
    private static async Task<(ProofFile? Proof, ProofVerificationResult Verdict)> ReadAndVerifyCertifiedAsync(
        string? proofPath, string certificatePath, GenesisDocument genesis, CancellationToken ct)
    {
        CheckpointCertificateDto certificate;
        try
        {
            certificate = await EvidenceFiles.ReadCertificateAsync(certificatePath, ct);
        }
        catch (EvidenceFileException ex)
        {
            return (null, new ProofVerificationResult(ProofFailure.MalformedCertificate, ex.Message));
        }

        if (proofPath is null)
        {
            return (null, OfflineProofVerifier.VerifyCertificate(certificate, genesis));
        }

        try
        {
            var proof = await EvidenceFiles.ReadProofAsync(proofPath, ct);
            return (proof, OfflineProofVerifier.Verify(proof, certificate, genesis));
        }
        catch (EvidenceFileException ex)
        {
            return (null, new ProofVerificationResult(ProofFailure.MalformedProof, ex.Message));
        }
    }

    /// <summary>Paths in a suggested command line are quoted when they would otherwise split into several arguments.</summary>
    private static string Quoted(string path) => path.Any(char.IsWhiteSpace) ? $"\"{path}\"" : path;

    private static void Report(CliContext context, ProofFile proof, string path) =>
        context.Emit(
            new
            {
                txId = proof.Inclusion.TxId,
                leafIndex = proof.Inclusion.LeafIndex,
                treeSize = proof.Inclusion.TreeSize,
                checkpointHeight = proof.Checkpoint.Height,
                consistencyTo = proof.Consistency?.ToSize,
                proofFile = path,
            },
            ui => Display.Fields(
                ui, ("txId", proof.Inclusion.TxId), ("leaf", proof.Inclusion.LeafIndex), ("log size", proof.Inclusion.TreeSize),
                ("bridged to size", proof.Consistency?.ToSize), ("proofFile", path)));

    private static Ed25519PublicKey[]? ParseKeys(string[]? hex)
    {
        if (hex is null || hex.Length == 0)
        {
            return null;
        }

        return [.. hex.Select(h => InputParsing.PublicKey(h, "--trusted-key"))];
    }
}
