namespace Carechain.Client.Contracts;

public sealed record BlockDto(BlockHeaderDto Header, IReadOnlyList<string> TxIds);
