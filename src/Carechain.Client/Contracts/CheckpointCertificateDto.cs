namespace Carechain.Client.Contracts;

/// <summary>
/// A checkpoint certificate: one statement of the chain at a height (header hash, state commitment, log
/// root and size) and the signatures of a quorum of the consortium's node keys over it. Saved as a file
/// by <c>carechain checkpoint --certified</c>; checked offline by <c>carechain proof verify --genesis</c>.
/// </summary>
public sealed record CheckpointCertificateDto(
    string ChainId,
    long Height,
    string HeaderHash,
    string StateCommitment,
    string LogRoot,
    long LogSize,
    IReadOnlyList<CheckpointSignatureDto> Signatures);
