using System.Security.Cryptography;
using System.Text;
using Carechain.Core.Crypto;
using Carechain.Core.Keys;
using NSec.Cryptography;

namespace Carechain.Vault.Crypto;

/// <summary>
/// The custodian node's key-encryption key: wraps every data key the node writes, so the node can
/// read its own records back. It is derived (HKDF-SHA256) from the seed of a dedicated Ed25519 key
/// kept in an ordinary passphrase-protected Core keystore file, the node's vault key file; the
/// public half of that key is the <see cref="Id"/> written into every envelope, so a record
/// sealed under another vault key is recognised as such instead of failing obscurely.
/// </summary>
public sealed class CustodianKey : IDisposable
{
    private static readonly byte[] DerivationInfo = Encoding.ASCII.GetBytes("carechain/vault/custodian-kek/v1");

    private CustodianKey(Key wrappingKey, Ed25519PublicKey id)
    {
        WrappingKey = wrappingKey;
        Id = id;
    }

    /// <summary>Names the key in envelopes; reveals nothing about the wrapping key.</summary>
    public Ed25519PublicKey Id { get; }

    internal Key WrappingKey { get; }

    /// <summary>A new vault key file's text, sealed under the passphrase.</summary>
    public static string CreateKeystore(string passphrase, KeystoreStrength strength = KeystoreStrength.Interactive)
    {
        using var key = SigningKey.Generate();
        return Keystore.Seal(key, passphrase, strength);
    }

    /// <summary>Opens a vault key file; throws <see cref="KeystoreException"/> for a wrong passphrase or a damaged file.</summary>
    public static CustodianKey OpenKeystore(string keystoreJson, string passphrase)
    {
        using var key = Keystore.Open(keystoreJson, passphrase);
        return FromSigningKey(key);
    }

    public static CustodianKey FromSigningKey(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var seed = key.ExportSeed();
        try
        {
            var wrappingKey = KeyDerivationAlgorithm.HkdfSha256.DeriveKey(
                seed, ReadOnlySpan<byte>.Empty, DerivationInfo, AeadAlgorithm.XChaCha20Poly1305);
            return new CustodianKey(wrappingKey, key.PublicKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    public void Dispose() => WrappingKey.Dispose();
}
