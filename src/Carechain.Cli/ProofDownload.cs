using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Transactions;

namespace Carechain.Cli;

/// <summary>
/// Fetches checkpoints and inclusion proofs from a node and turns them into proof files. Nothing the
/// node sends is written before it verifies: a checkpoint must carry a valid signature for the
/// expected chain, and a proof must verify offline against the checkpoint it will be stored with.
/// </summary>
internal static class ProofDownload
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int MaxPolls = 40;

    /// <summary>
    /// The node's checkpoint once it covers block <paramref name="height"/>. A node may sign checkpoints
    /// a little behind its head, so this polls for up to ten seconds before giving up.
    /// </summary>
    public static async Task<CheckpointDto> CheckpointCoveringAsync(CarechainClient client, string chainId, long height, CancellationToken cancellationToken)
    {
        for (var poll = 0; ; poll++)
        {
            var checkpoint = await client.GetCheckpointAsync(cancellationToken);
            RequireSigned(checkpoint, "the node's checkpoint", chainId);
            if (checkpoint.Height >= height)
            {
                return checkpoint;
            }

            if (poll == MaxPolls)
            {
                throw CliException.Failed(
                    "checkpoint_behind",
                    $"the node's checkpoint (height {checkpoint.Height}) does not cover block {height} yet; fetch the proof later with 'carechain proof get'");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Parses a checkpoint and checks its signature (and chain, when given); throws a failed-check error otherwise.</summary>
    public static Checkpoint RequireSigned(CheckpointDto dto, string what, string? chainId = null)
    {
        if (!ContractMapping.TryParse(dto, out var checkpoint, out var error))
        {
            throw CliException.Failed("invalid_checkpoint", $"{what} is malformed: {error}");
        }

        if (!checkpoint.HasValidSignature())
        {
            throw CliException.Failed("invalid_checkpoint", $"{what} does not carry a valid signature by {checkpoint.Signer}");
        }

        if (chainId is not null && checkpoint.ChainId != chainId)
        {
            throw CliException.Failed("wrong_chain", $"{what} is for chain '{checkpoint.ChainId}', not '{chainId}'");
        }

        return checkpoint;
    }

    /// <summary>A proof file for <paramref name="txId"/> at exactly the checkpoint's log size, verified against that checkpoint.</summary>
    public static async Task<ProofFile> ProveAsync(CarechainClient client, TxId txId, CheckpointDto checkpoint, CancellationToken cancellationToken)
    {
        var inclusion = await client.GetInclusionProofAsync(txId, checkpoint.LogSize, cancellationToken);

        // The verifier checks the proof for whatever transaction it names; it must be the one asked for.
        if (!TxId.TryParse(inclusion.TxId, out var provenId) || provenId != txId)
        {
            throw CliException.Failed("invalid_proof", $"the node answered with a proof for transaction '{inclusion.TxId}' instead of {txId}");
        }

        var proof = new ProofFile(ProofFile.FormatName, ProofFile.CurrentVersion, inclusion, checkpoint, null);
        var verdict = OfflineProofVerifier.Verify(proof, checkpoint);
        return verdict.IsValid
            ? proof
            : throw CliException.Failed("invalid_proof", $"the node's proof does not verify against the checkpoint: {verdict.Reason}");
    }

    /// <summary>Where the checkpoint of a proof file goes by default: <c>x.proof.json</c> → <c>x.checkpoint.json</c>, anything else gets <c>.checkpoint.json</c> appended.</summary>
    public static string CheckpointPathFor(string proofPath)
    {
        const string ProofSuffix = ".proof.json";
        return proofPath.EndsWith(ProofSuffix, StringComparison.OrdinalIgnoreCase)
            ? proofPath[..^ProofSuffix.Length] + ".checkpoint.json"
            : proofPath + ".checkpoint.json";
    }
}
