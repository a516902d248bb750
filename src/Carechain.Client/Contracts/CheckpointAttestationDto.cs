namespace Carechain.Client.Contracts;

/// <summary>One member node's signed statement of the chain at a height, sent to its peers to form a certificate.</summary>
public sealed record CheckpointAttestationDto(
    string ChainId, long Height, string HeaderHash, string StateCommitment, string LogRoot, long LogSize, string NextNodeSet, string Signer, string Signature);
