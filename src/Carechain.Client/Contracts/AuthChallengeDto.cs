namespace Carechain.Client.Contracts;

/// <summary>A single-use challenge for one key: sign it (see <see cref="AuthChallengeMessage"/>) before <see cref="ExpiresAtMs"/>.</summary>
public sealed record AuthChallengeDto(string Challenge, string ChainId, long ExpiresAtMs);
