namespace Carechain.Client.Contracts;

/// <summary>
/// A checkpoint certificate: one statement of the chain at a height (header hash, state commitment, log
/// root and size, and the hash of the node set in force after that height) and the signatures of a quorum
/// of the node keys that certify that height. <see cref="NodeSetChanges"/> carries the certified node-set
/// changes since genesis up to that height (empty while the genesis node keys are in force), so the
/// certificate can be checked with the genesis file alone. Saved as a file by
/// <c>carechain checkpoint --certified</c>; checked offline by <c>carechain proof verify --genesis</c>.
/// </summary>
public sealed record CheckpointCertificateDto(
    string ChainId,
    long Height,
    string HeaderHash,
    string StateCommitment,
    string LogRoot,
    long LogSize,
    string NextNodeSet,
    IReadOnlyList<CheckpointSignatureDto> Signatures,
    IReadOnlyList<NodeSetChangeDto>? NodeSetChanges = null);
