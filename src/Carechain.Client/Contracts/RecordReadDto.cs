namespace Carechain.Client.Contracts;

/// <summary>A record served to its reader, with the access event the read left on the chain and the right it was served under.</summary>
public sealed record RecordReadDto(RecordAnchorDto Record, string AccessTxId, string Basis, string? BasisId);
