using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Transactions;

namespace Carechain.Client;

/// <summary>
/// Checks a <see cref="ProofFile"/> against a checkpoint the verifier already trusts, with no network
/// access. The proof holds when: both checkpoints carry valid signatures (by trusted keys, when a set
/// is given) for the same chain; the inclusion proof leads from <c>MerkleHash.Leaf(txId)</c> to the
/// proof checkpoint's log root; and that root is the trusted checkpoint's root (same size) or a proven
/// prefix of it (the file's consistency proof, when the trusted checkpoint is larger). It never throws
/// for malformed content: every defect is reported as a failed result with a one-line reason.
/// </summary>
public static partial class OfflineProofVerifier
{
    /// <param name="proof">The proof to check; nothing in it is trusted.</param>
    /// <param name="trusted">The checkpoint the caller trusts (fetched from a node they trust, or published out of band).</param>
    /// <param name="trustedSigners">
    /// When not null, both checkpoints must be signed by one of these keys (an empty set trusts no one).
    /// When null, the trusted checkpoint's own signer is accepted: trust then rests entirely on how the
    /// caller obtained <paramref name="trusted"/>.
    /// </param>
    public static ProofVerificationResult Verify(ProofFile proof, CheckpointDto trusted, IReadOnlyCollection<Ed25519PublicKey>? trustedSigners = null)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(trusted);
        if (proof.Format != ProofFile.FormatName || proof.Version != ProofFile.CurrentVersion)
        {
            return Fail(ProofFailure.MalformedProof, $"not a version {ProofFile.CurrentVersion} {ProofFile.FormatName} document");
        }

        if (!ContractMapping.TryParse(trusted, out var anchor, out var error))
        {
            return Fail(ProofFailure.MalformedCheckpoint, $"the trusted checkpoint is malformed: {error}");
        }

        if (CheckSignature(anchor, trustedSigners, "the trusted checkpoint") is { } anchorFailure)
        {
            return anchorFailure;
        }

        if (!ContractMapping.TryParse(proof.Checkpoint, out var embedded, out error))
        {
            return Fail(ProofFailure.MalformedProof, $"the proof's checkpoint is malformed: {error}");
        }

        if (embedded.ChainId != anchor.ChainId)
        {
            return Fail(ProofFailure.WrongChain, $"the proof is for chain '{OneLineText.From(embedded.ChainId)}' but the trusted checkpoint is for chain '{OneLineText.From(anchor.ChainId)}'");
        }

        if (CheckSignature(embedded, trustedSigners, "the proof's checkpoint") is { } embeddedFailure)
        {
            return embeddedFailure;
        }

        if (!ContractMapping.TryParse(proof.Inclusion, out var txId, out var inclusion, out error))
        {
            return Fail(ProofFailure.MalformedProof, $"the inclusion proof is malformed: {error}");
        }

        var proven = $"transaction {txId} is in the log of {anchor.LogSize} transactions at height {anchor.Height}, checkpoint signed by {anchor.Signer}";
        return CheckInclusion(txId, inclusion, embedded) ?? CheckLink(proof.Consistency, embedded, anchor.LogRoot, anchor.LogSize, proven);
    }

    private static ProofVerificationResult? CheckSignature(Checkpoint checkpoint, IReadOnlyCollection<Ed25519PublicKey>? trustedSigners, string which)
    {
        if (trustedSigners is not null && !trustedSigners.Contains(checkpoint.Signer))
        {
            return Fail(ProofFailure.UntrustedSigner, $"{which} is signed by {checkpoint.Signer}, which is not a trusted key");
        }

        return checkpoint.HasValidSignature()
            ? null
            : Fail(ProofFailure.BadSignature, $"{which} does not carry a valid signature by {checkpoint.Signer}");
    }

    /// <summary>The transaction's leaf must lead to the root that the proof's own checkpoint signs, at that checkpoint's size.</summary>
    private static ProofVerificationResult? CheckInclusion(TxId txId, InclusionProof inclusion, Checkpoint embedded)
    {
        if (inclusion.TreeSize != embedded.LogSize)
        {
            return Fail(
                ProofFailure.MalformedProof,
                $"the inclusion proof is for a log of {inclusion.TreeSize} transactions but its checkpoint covers {embedded.LogSize}");
        }

        var leaf = MerkleHash.Leaf(txId.Hash.ToArray());
        return MerkleProofVerifier.VerifyInclusion(leaf, inclusion, embedded.LogRoot)
            ? null
            : Fail(
                ProofFailure.InclusionMismatch,
                $"the inclusion proof does not show transaction {txId} at position {inclusion.LeafIndex} of the log of {inclusion.TreeSize} transactions");
    }

    /// <summary>Ties the proof's log root to the trusted one: equal at equal sizes, otherwise through the consistency proof.</summary>
    private static ProofVerificationResult CheckLink(ConsistencyProofDto? consistencyDto, Checkpoint embedded, Hash256 anchorRoot, long anchorSize, string proven)
    {
        if (anchorSize < embedded.LogSize)
        {
            return Fail(
                ProofFailure.CheckpointOlderThanProof,
                $"the trusted checkpoint (log size {anchorSize}) is older than the proof (log size {embedded.LogSize}); use a checkpoint at least as new as the proof");
        }

        if (anchorSize == embedded.LogSize)
        {
            return anchorRoot == embedded.LogRoot
                ? new ProofVerificationResult(ProofFailure.None, proven)
                : Fail(ProofFailure.RootMismatch, $"the trusted checkpoint and the proof's checkpoint disagree on the log root at size {anchorSize}");
        }

        if (consistencyDto is null)
        {
            return Fail(
                ProofFailure.MissingConsistencyProof,
                $"the trusted checkpoint (log size {anchorSize}) is newer than the proof (log size {embedded.LogSize}) and the proof has no consistency proof");
        }

        if (!ContractMapping.TryParse(consistencyDto, out var consistency, out var error))
        {
            return Fail(ProofFailure.MalformedProof, $"the consistency proof is malformed: {error}");
        }

        if (consistency.FromSize != embedded.LogSize || consistency.ToSize != anchorSize)
        {
            return Fail(
                ProofFailure.ConsistencyMismatch,
                $"the consistency proof covers log sizes {consistency.FromSize} to {consistency.ToSize}, not {embedded.LogSize} to {anchorSize}");
        }

        return MerkleProofVerifier.VerifyConsistency(consistency, embedded.LogRoot, anchorRoot)
            ? new ProofVerificationResult(ProofFailure.None, proven)
            : Fail(
                ProofFailure.ConsistencyMismatch,
                $"the consistency proof does not show that the proof's log (size {embedded.LogSize}) is a prefix of the trusted log (size {anchorSize})");
    }

    private static ProofVerificationResult Fail(ProofFailure failure, string reason) => new(failure, reason);
}
