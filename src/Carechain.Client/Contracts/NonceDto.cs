namespace Carechain.Client.Contracts;

public sealed record NonceDto(string Key, ulong Committed, ulong Next);
