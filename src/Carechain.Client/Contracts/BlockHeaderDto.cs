namespace Carechain.Client.Contracts;

public sealed record BlockHeaderDto(
    long Height, string Hash, string PreviousHash, long TimestampMs, int TxCount, string TxRoot, string LogRoot, long LogSize,
    string StateCommitment, string Producer, string Signature);
