using System.Security.Cryptography;
using Carechain.Core.Crypto;
using NSec.Cryptography;

namespace Carechain.Vault.Crypto;

/// <summary>
/// The X25519 key pair that belongs to an Ed25519 key, as libsodium defines it
/// (<c>crypto_sign_ed25519_pk_to_curve25519</c> / <c>_sk_to_curve25519</c>): the private scalar is the
/// clamped first half of SHA-512(seed), and the public key is the Montgomery u-coordinate
/// u = (1 + y) / (1 − y) mod 2^255 − 19 of the Edwards point, computed by libsodium (through Geralt). So anyone who knows a patient's Ed25519
/// key from the chain can encrypt to them, and only the holder of the seed can decrypt.
/// </summary>
internal static class X25519Derivation
{
    public const int KeySize = 32;

    /// <summary>The raw X25519 public key of <paramref name="key"/> (libsodium's <c>crypto_sign_ed25519_pk_to_curve25519</c>).</summary>
    public static byte[] PublicKeyFor(Ed25519PublicKey key)
    {
        Span<byte> raw = stackalloc byte[Ed25519PublicKey.Size];
        key.WriteTo(raw);
        var encoded = new byte[KeySize];
        try
        {
            Geralt.Ed25519.ComputeX25519PublicKey(encoded, raw);
        }
        catch (CryptographicException)
        {
            // A small-order or non-canonical point: no usable encryption key corresponds to it.
            throw new ArgumentException("This Ed25519 key has no X25519 counterpart.", nameof(key));
        }

        return encoded;
    }

    public static Key PrivateKeyFromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SigningKey.SeedSize)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        Span<byte> digest = stackalloc byte[SHA512.HashSizeInBytes];
        try
        {
            SHA512.HashData(seed, digest);
            digest[0] &= 248;
            digest[31] &= 127;
            digest[31] |= 64;
            return Key.Import(KeyAgreementAlgorithm.X25519, digest[..KeySize], KeyBlobFormat.RawPrivateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(digest);
        }
    }
}
