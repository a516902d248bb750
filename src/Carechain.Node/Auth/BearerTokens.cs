using System.Security.Cryptography;
using System.Text;
using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Node.Auth;

/// <summary>
/// Short-lived bearer tokens: <c>cc1.PAYLOAD.MAC</c>, where PAYLOAD is base64url of canonical
/// (version, chain id, key, issued at, expires at) and MAC is HMAC-SHA256 over <c>cc1.PAYLOAD</c>
/// under a secret derived from the node's key. Verification is stateless: no token store, and
/// tokens stay valid across a restart of the same node until they expire. A token names only a
/// key; whether that key is still active is checked on every request.
/// </summary>
internal sealed class BearerTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const string Prefix = "cc1.";
    private const byte FormatVersion = 1;

    private readonly byte[] _secret;
    private readonly string _chainId;
    private readonly TimeProvider _time;

    public BearerTokens(SigningKey nodeKey, string chainId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(nodeKey);
        _secret = DomainHash.Of(DomainTag.AuthToken, nodeKey.ExportSeed()).ToArray();
        _chainId = chainId;
        _time = time;
    }

    public (string Token, long ExpiresAtMs) Issue(Ed25519PublicKey key)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)Lifetime.TotalMilliseconds;
        var payload = new CanonicalWriter(96).Byte(FormatVersion).Text(_chainId).Key(key).VarUInt((ulong)now).VarUInt((ulong)expires).ToArray();
        var unsigned = Prefix + UrlSafeBase64.Encode(payload);
        return (unsigned + "." + UrlSafeBase64.Encode(Mac(unsigned)), expires);
    }

    /// <summary>The key a token was issued to, or the refusal code.</summary>
    public (Ed25519PublicKey? Key, string? Error) Verify(string token)
    {
        var dot = token.LastIndexOf('.');
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || dot <= Prefix.Length || token.Length > 1024
            || !UrlSafeBase64.TryDecode(token[(dot + 1)..], out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, Mac(token[..dot]))
            || !UrlSafeBase64.TryDecode(token[Prefix.Length..dot], out var payload))
        {
            return (null, AuthErrors.TokenInvalid);
        }

        try
        {
            var reader = new CanonicalReader(payload);
            reader.Version("token", FormatVersion);
            var chainId = reader.Text(256, "chain id");
            var key = reader.Key("key");
            reader.VarUInt(long.MaxValue, "issued at");
            var expires = (long)reader.VarUInt(long.MaxValue, "expires at");
            reader.End("token");
            if (chainId != _chainId)
            {
                return (null, AuthErrors.TokenInvalid);
            }

            return expires <= _time.GetUtcNow().ToUnixTimeMilliseconds() ? (null, AuthErrors.TokenExpired) : (key, null);
        }
        catch (CodecException)
        {
            return (null, AuthErrors.TokenInvalid);
        }
    }

    private byte[] Mac(string unsigned) => HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(unsigned));
}
