using System.Numerics;
using System.Security.Cryptography;
using Carechain.Core.Crypto;
using NSec.Cryptography;

namespace Carechain.Vault.Crypto;

/// <summary>
/// The X25519 key pair that belongs to an Ed25519 key, as libsodium defines it
/// (<c>crypto_sign_ed25519_pk_to_curve25519</c> / <c>_sk_to_curve25519</c>): the private scalar is the
/// clamped first half of SHA-512(seed), and the public key is the Montgomery u-coordinate
/// u = (1 + y) / (1 − y) mod 2^255 − 19 of the Edwards point. So anyone who knows a patient's Ed25519
/// key from the chain can encrypt to them, and only the holder of the seed can decrypt.
/// </summary>
internal static class X25519Derivation
{
    public const int KeySize = 32;

    private static readonly BigInteger FieldPrime = BigInteger.Pow(2, 255) - 19;

    public static PublicKey PublicKeyFor(Ed25519PublicKey key)
    {
        Span<byte> raw = stackalloc byte[Ed25519PublicKey.Size];
        key.WriteTo(raw);
        raw[31] &= 0x7F; // the top bit is the sign of x; u depends on y alone
        var y = new BigInteger(raw, isUnsigned: true, isBigEndian: false);
        var denominator = Mod(BigInteger.One - y);
        if (denominator.IsZero)
        {
            // y = 1 is the neutral point: no usable encryption key corresponds to it.
            throw new ArgumentException("This Ed25519 key has no X25519 counterpart.", nameof(key));
        }

        var u = Mod((BigInteger.One + y) * BigInteger.ModPow(denominator, FieldPrime - 2, FieldPrime));
        Span<byte> encoded = stackalloc byte[KeySize];
        encoded.Clear();
        u.TryWriteBytes(encoded, out _, isUnsigned: true, isBigEndian: false);
        return PublicKey.Import(KeyAgreementAlgorithm.X25519, encoded, KeyBlobFormat.RawPublicKey);
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

    private static BigInteger Mod(BigInteger value)
    {
        var result = value % FieldPrime;
        return result.Sign < 0 ? result + FieldPrime : result;
    }
}
