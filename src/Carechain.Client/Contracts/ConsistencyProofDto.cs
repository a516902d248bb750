namespace Carechain.Client.Contracts;

public sealed record ConsistencyProofDto(long FromSize, long ToSize, IReadOnlyList<string> Path);
