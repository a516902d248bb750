using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Carechain.Core.Crypto;
using NSec.Cryptography;

namespace Carechain.Core.Keys;

/// <summary>
/// Seals an Ed25519 signing key under a passphrase as a JSON keystore, and opens it again.
/// The 32-byte seed is encrypted with XChaCha20-Poly1305 under a key derived from the passphrase
/// by Argon2id; the format, version and public key are authenticated as associated data, so a
/// keystore whose public key was swapped or edited does not open. Pure: text in, text out; the
/// caller does the file I/O. For any keystore text, <see cref="Open"/> and <see cref="ReadPublicKey"/>
/// throw only <see cref="KeystoreException"/> (null arguments are programming errors and throw
/// <see cref="ArgumentNullException"/>).
/// </summary>
public static class Keystore
{
    private const string WrongPassphrase = "wrong passphrase or damaged keystore";

    // Strict: two different passphrases must never encode to the same bytes.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Seal(SigningKey key, string passphrase, KeystoreStrength strength = KeystoreStrength.Interactive)
    {
        ArgumentNullException.ThrowIfNull(key);
        var kdf = KdfParameters.For(strength);
        var password = PassphraseBytes(passphrase);
        var seed = key.ExportSeed();
        try
        {
            var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(KdfParameters.SaltSize);
            var nonce = System.Security.Cryptography.RandomNumberGenerator.GetBytes(KeystoreDocument.NonceSize);
            using var wrappingKey = kdf.DeriveKey(password, salt);
            var ciphertext = AeadAlgorithm.XChaCha20Poly1305.Encrypt(wrappingKey, nonce, AssociatedData(key.PublicKey), seed);
            return new KeystoreDocument(key.PublicKey, kdf, salt, nonce, ciphertext).ToJson();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(password);
        }
    }

    public static SigningKey Open(string json, string passphrase)
    {
        var password = PassphraseBytes(passphrase);
        Span<byte> seed = stackalloc byte[SigningKey.SeedSize];
        try
        {
            var document = KeystoreDocument.Parse(json);
            using (var wrappingKey = document.Kdf.DeriveKey(password, document.Salt))
            {
                if (!AeadAlgorithm.XChaCha20Poly1305.Decrypt(wrappingKey, document.Nonce, AssociatedData(document.PublicKey), document.Ciphertext, seed))
                {
                    throw new KeystoreException(WrongPassphrase);
                }
            }

            return FromSeedMatching(seed, document.PublicKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(password);
        }
    }

    /// <summary>
    /// The public key a keystore claims to hold, without the passphrase. The claim is only proven
    /// by <see cref="Open"/>; use this for display (<c>keys show</c>), not for trust decisions.
    /// </summary>
    public static Ed25519PublicKey ReadPublicKey(string json) => KeystoreDocument.Parse(json).PublicKey;

    private static SigningKey FromSeedMatching(ReadOnlySpan<byte> seed, Ed25519PublicKey expected)
    {
        var key = SigningKey.FromSeed(seed);
        if (key.PublicKey == expected)
        {
            return key;
        }

        // Authenticated decryption makes this unreachable unless the file was written with the
        // right passphrase but a mismatched key; refuse rather than sign as someone else.
        key.Dispose();
        throw new KeystoreException(WrongPassphrase);
    }

    /// <summary>
    /// Binds the ciphertext to the format, version and public key, so none of them can be edited
    /// without the passphrase: <c>"carechain-keystore" || 0x00 || version (u32 BE) || public key</c>.
    /// </summary>
    private static byte[] AssociatedData(Ed25519PublicKey publicKey)
    {
        var format = Encoding.ASCII.GetBytes(KeystoreDocument.Format);
        var data = new byte[format.Length + 1 + sizeof(uint) + Ed25519PublicKey.Size];
        format.CopyTo(data, 0);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(format.Length + 1), KeystoreDocument.Version);
        publicKey.WriteTo(data.AsSpan(format.Length + 1 + sizeof(uint)));
        return data;
    }

    /// <summary>
    /// The passphrase as strict UTF-8, exactly as given. It is deliberately not Unicode-normalized:
    /// under InvariantGlobalization (which this solution uses) <see cref="string.Normalize()"/> leaves
    /// non-ASCII text unchanged, so normalizing would make the key depend on how the process was built.
    /// </summary>
    private static byte[] PassphraseBytes(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (passphrase.Length == 0)
        {
            throw new KeystoreException("the passphrase must not be empty");
        }

        try
        {
            return StrictUtf8.GetBytes(passphrase);
        }
        catch (EncoderFallbackException ex)
        {
            throw new KeystoreException("the passphrase is not valid Unicode text", ex);
        }
    }
}
