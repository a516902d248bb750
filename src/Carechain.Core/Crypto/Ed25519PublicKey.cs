using System.Buffers.Binary;
using NSec.Cryptography;

namespace Carechain.Core.Crypto;

/// <summary>
/// An Ed25519 public key held by value (32 bytes). Only keys that libsodium accepts
/// as a valid encoding can be constructed through <see cref="TryRead"/> or <see cref="TryParse"/>.
/// </summary>
public readonly record struct Ed25519PublicKey(ulong P0, ulong P1, ulong P2, ulong P3)
{
    public const int Size = 32;

    public static bool TryRead(ReadOnlySpan<byte> bytes, out Ed25519PublicKey key)
    {
        key = default;
        if (bytes.Length != Size || !PublicKey.TryImport(SignatureAlgorithm.Ed25519, bytes, KeyBlobFormat.RawPublicKey, out _))
        {
            return false;
        }

        key = new Ed25519PublicKey(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
        return true;
    }

    public static bool TryParse(string? hex, out Ed25519PublicKey key)
    {
        key = default;
        if (hex is null || hex.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        return Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == Size
            && TryRead(bytes, out key);
    }

    public static Ed25519PublicKey Parse(string hex) =>
        TryParse(hex, out var key) ? key : throw new FormatException("A public key is 64 hexadecimal characters of a valid Ed25519 key.");

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, P0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], P1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], P2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], P3);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Checks an Ed25519 signature over <c>prefix(tag) || message</c>.</summary>
    public bool Verify(Hashing.DomainTag tag, ReadOnlySpan<byte> message, Ed25519Signature signature)
    {
        Span<byte> raw = stackalloc byte[Size];
        WriteTo(raw);
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out var publicKey) || publicKey is null)
        {
            return false;
        }

        var prefix = Hashing.DomainHash.Prefix(tag);
        if (prefix.Length + message.Length <= 2048)
        {
            Span<byte> joined = stackalloc byte[prefix.Length + message.Length];
            prefix.CopyTo(joined);
            message.CopyTo(joined[prefix.Length..]);
            return SignatureAlgorithm.Ed25519.Verify(publicKey, joined, signature.Bytes.Span);
        }

        return SignatureAlgorithm.Ed25519.Verify(publicKey, Hashing.DomainHash.SigningMessage(tag, message), signature.Bytes.Span);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
