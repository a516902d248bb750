using Carechain.Core.Hashing;
using NSec.Cryptography;

namespace Carechain.Core.Crypto;

/// <summary>
/// An Ed25519 private key. Signs only domain-separated messages, so a signature made
/// for one kind of object is never valid for another.
/// </summary>
public sealed class SigningKey : IDisposable
{
    public const int SeedSize = 32;

    private readonly Key _key;

    private SigningKey(Key key)
    {
        _key = key;
        Ed25519PublicKey.TryRead(key.PublicKey.Export(KeyBlobFormat.RawPublicKey), out var publicKey);
        PublicKey = publicKey;
    }

    public Ed25519PublicKey PublicKey { get; }

    public static SigningKey Generate() =>
        new(Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    public static SigningKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        return new SigningKey(Key.Import(
            SignatureAlgorithm.Ed25519,
            seed,
            KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>The 32-byte seed; only for writing an encrypted keystore.</summary>
    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    public Ed25519Signature Sign(DomainTag tag, ReadOnlySpan<byte> message)
    {
        var prefix = DomainHash.Prefix(tag);
        Span<byte> signature = stackalloc byte[Ed25519Signature.Size];
        if (prefix.Length + message.Length <= 2048)
        {
            Span<byte> joined = stackalloc byte[prefix.Length + message.Length];
            prefix.CopyTo(joined);
            message.CopyTo(joined[prefix.Length..]);
            SignatureAlgorithm.Ed25519.Sign(_key, joined, signature);
        }
        else
        {
            SignatureAlgorithm.Ed25519.Sign(_key, DomainHash.SigningMessage(tag, message), signature);
        }

        return Ed25519Signature.Read(signature);
    }

    public void Dispose() => _key.Dispose();
}
