using Carechain.Client.Contracts;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Genesis;

namespace Carechain.Client;

public static partial class OfflineProofVerifier
{
    /// <summary>
    /// Checks a checkpoint certificate with nothing but the genesis document: it must be for the
    /// genesis chain and signed, each signer once, by a quorum (a strict majority) of the node keys in
    /// force at its height. Those are the genesis node keys, changed by each node-set change the
    /// certificate carries, each change itself certified by a quorum of the keys before it
    /// (<see cref="CertificateChain"/>).
    /// </summary>
    public static ProofVerificationResult VerifyCertificate(CheckpointCertificateDto certificate, GenesisDocument genesis) =>
        CheckCertificate(certificate, genesis, out _);

    /// <summary>
    /// Checks a proof against a checkpoint certificate, trusting only the genesis document: the
    /// certificate as <see cref="VerifyCertificate"/> does, the proof's own checkpoint signed by a genesis
    /// node key, its inclusion proof, and the link from its log to the certified log.
    /// </summary>
    public static ProofVerificationResult Verify(ProofFile proof, CheckpointCertificateDto certificate, GenesisDocument genesis)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(genesis);
        if (proof.Format != ProofFile.FormatName || proof.Version != ProofFile.CurrentVersion)
        {
            return Fail(ProofFailure.MalformedProof, $"not a version {ProofFile.CurrentVersion} {ProofFile.FormatName} document");
        }

        var verdict = CheckCertificate(certificate, genesis, out var certified);
        if (!verdict.IsValid)
        {
            return verdict;
        }

        var statement = certified!.Statement;
        if (!ContractMapping.TryParse(proof.Checkpoint, out var embedded, out var error))
        {
            return Fail(ProofFailure.MalformedProof, $"the proof's checkpoint is malformed: {error}");
        }

        if (embedded.ChainId != statement.ChainId)
        {
            return Fail(ProofFailure.WrongChain, $"the proof is for chain '{OneLineText.From(embedded.ChainId)}' but the certificate is for chain '{OneLineText.From(statement.ChainId)}'");
        }

        if (CheckSignature(embedded, genesis.Producers, "the proof's checkpoint") is { } embeddedFailure)
        {
            return embeddedFailure;
        }

        if (!ContractMapping.TryParse(proof.Inclusion, out var txId, out var inclusion, out error))
        {
            return Fail(ProofFailure.MalformedProof, $"the inclusion proof is malformed: {error}");
        }

        var proven = $"transaction {txId} is in the log of {statement.LogSize} transactions at height {statement.Height}, " +
            $"certified by {certified.Signatures.Count} node keys";
        return CheckInclusion(txId, inclusion, embedded) ?? CheckLink(proof.Consistency, embedded, statement.LogRoot, statement.LogSize, proven);
    }

    private static ProofVerificationResult CheckCertificate(CheckpointCertificateDto certificate, GenesisDocument genesis, out CheckpointCertificate? parsed)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        if (!ContractMapping.TryParse(certificate, out parsed, out var changes, out var error))
        {
            return Fail(ProofFailure.MalformedCertificate, $"the certificate is malformed: {OneLineText.From(error)}");
        }

        var verdict = CertificateChain.Verify(genesis.ChainId, new NodeSet(genesis.Producers), changes, parsed);
        return verdict.Failure switch
        {
            CertificateFailure.None => new ProofVerificationResult(ProofFailure.None, $"the certificate holds: {verdict.Reason}"),
            CertificateFailure.WrongChain => Fail(ProofFailure.WrongChain, OneLineText.From(verdict.Reason)),
            _ => Fail(ProofFailure.CertificateRefused, OneLineText.From(verdict.Reason)),
        };
    }
}
