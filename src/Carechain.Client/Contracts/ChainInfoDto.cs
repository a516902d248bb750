namespace Carechain.Client.Contracts;

public sealed record ChainInfoDto(string ChainId, string GenesisHash, string NodeKey, IReadOnlyList<string> Producers, BlockHeaderDto Head);
