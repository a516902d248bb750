using System.Security.Cryptography;
using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;

namespace Carechain.Node.Auth;

/// <summary>
/// Tokens one consortium node issues for a caller it authenticated, for one other organisation's
/// node (ADR 0010): <c>cc2.PAYLOAD.SIG</c>, where PAYLOAD is base64url of canonical (version, chain
/// id, caller key, issuing node key, audience organisation, issued at, expires at, 16 random bytes)
/// and SIG the issuing node key's Ed25519 signature over it. Any node verifies one from the chain
/// alone: the signer must be a current node key, the audience this node's organisation, the token
/// unexpired and short-lived, and a caller that belongs to an organisation must belong to the
/// issuing node's (a node vouches for its own members and for patients, never for another
/// organisation's members).
/// </summary>
internal sealed class DelegatedTokens(SigningKey nodeKey, string chainId, TimeProvider time)
{
    public const string Prefix = "cc2.";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private const byte FormatVersion = 1;

    /// <summary>A token for <paramref name="caller"/>, good only at a node of <paramref name="audience"/>.</summary>
    public string Issue(Ed25519PublicKey caller, OrganisationId audience)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var payload = new CanonicalWriter(160).Byte(FormatVersion).Text(chainId).Key(caller).Key(nodeKey.PublicKey).Text(audience.Value)
            .VarUInt((ulong)now).VarUInt((ulong)(now + (long)Lifetime.TotalMilliseconds)).Fixed(RandomNumberGenerator.GetBytes(16)).ToArray();
        return Prefix + UrlSafeBase64.Encode(payload) + "." + UrlSafeBase64.Encode(nodeKey.Sign(DomainTag.DelegatedToken, payload).Bytes.Span);
    }

    /// <summary>The caller and the node that vouched for it, or the refusal code.</summary>
    public (Ed25519PublicKey Caller, Ed25519PublicKey Issuer)? Verify(string token, Permissions permissions, out string? error)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(permissions);
        error = AuthErrors.TokenInvalid;
        var dot = token.LastIndexOf('.');
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || dot <= Prefix.Length || token.Length > 1024
            || !UrlSafeBase64.TryDecode(token[(dot + 1)..], out var signatureBytes) || !Ed25519Signature.TryRead(signatureBytes, out var signature)
            || !UrlSafeBase64.TryDecode(token[Prefix.Length..dot], out var payload))
        {
            return null;
        }

        try
        {
            var reader = new CanonicalReader(payload);
            reader.Version("delegated token", FormatVersion);
            var tokenChain = reader.Text(256, "chain id");
            var caller = reader.Key("caller");
            var issuer = reader.Key("issuer");
            var audience = reader.Text(OrganisationId.MaxLength, "audience");
            var issued = (long)reader.VarUInt(long.MaxValue, "issued at");
            var expires = (long)reader.VarUInt(long.MaxValue, "expires at");
            reader.Fixed(16, "nonce");
            reader.End("delegated token");
            var issuerOrganisation = permissions.IsNodeKey(issuer) ? permissions.OrganisationOf(issuer) : null;
            var callerOrganisation = permissions.OrganisationOf(caller);
            if (tokenChain != chainId || issuerOrganisation is null || !issuer.Verify(DomainTag.DelegatedToken, payload, signature)
                || permissions.OrganisationOf(nodeKey.PublicKey)?.Value != audience
                || (callerOrganisation is not null && callerOrganisation != issuerOrganisation))
            {
                return null;
            }

            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (expires <= now || expires - issued > (long)Lifetime.TotalMilliseconds || issued > now + (long)ClockSkew.TotalMilliseconds)
            {
                error = AuthErrors.TokenExpired;
                return null;
            }

            error = null;
            return (caller, issuer);
        }
        catch (CodecException)
        {
            return null;
        }
    }
}
