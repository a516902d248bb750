namespace Carechain.Client.Contracts;

/// <summary>A short-lived bearer token for <see cref="Key"/>: send it as <c>Authorization: Bearer TOKEN</c>.</summary>
public sealed record AuthTokenDto(string Token, string TokenType, long ExpiresAtMs, string Key);
