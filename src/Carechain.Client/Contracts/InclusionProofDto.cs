namespace Carechain.Client.Contracts;

public sealed record InclusionProofDto(string TxId, long LeafIndex, long TreeSize, IReadOnlyList<string> Path);
