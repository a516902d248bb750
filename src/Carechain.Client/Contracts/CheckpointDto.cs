namespace Carechain.Client.Contracts;

public sealed record CheckpointDto(string ChainId, long Height, string HeaderHash, string LogRoot, long LogSize, string Signer, string Signature);
