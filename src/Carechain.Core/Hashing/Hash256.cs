using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Carechain.Core.Hashing;

/// <summary>
/// A SHA-256 digest held by value. Its hex form is the digest's bytes in order.
/// </summary>
public readonly record struct Hash256(ulong P0, ulong P1, ulong P2, ulong P3)
{
    public const int Size = 32;

    public static Hash256 Zero => default;

    public static Hash256 Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size)
        {
            throw new ArgumentException("A hash needs 32 bytes.", nameof(bytes));
        }

        return new Hash256(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

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

    /// <summary>Plain SHA-256 of the bytes, with no domain tag (use <see cref="DomainHash"/> for ledger objects).</summary>
    public static Hash256 Sha256(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(data, digest);
        return Read(digest);
    }

    public static bool TryParse(string? hex, out Hash256 hash)
    {
        hash = default;
        if (hex is null || hex.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }

        hash = Read(bytes);
        return true;
    }

    public static Hash256 Parse(string hex) =>
        TryParse(hex, out var hash) ? hash : throw new FormatException("A hash is 64 hexadecimal characters.");

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
