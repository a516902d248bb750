namespace Carechain.Client.Contracts;

/// <summary>Body of POST /api/v1/auth/challenge: the public key that will sign the challenge.</summary>
public sealed record AuthChallengeRequest(string PublicKey);
