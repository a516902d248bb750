namespace Carechain.Client.Contracts;

/// <summary>Body of POST /api/v1/auth/token: the key, its challenge, and its Ed25519 signature (hex) over the challenge message.</summary>
public sealed record AuthTokenRequest(string PublicKey, string Challenge, string Signature);
