namespace Carechain.Client.Contracts;

public sealed record IdentityDto(string Key, string DisplayName, string Role, string Status, long RegisteredHeight, long ChangedHeight, string? Successor);
