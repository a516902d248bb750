namespace Carechain.Core.Crypto;

/// <summary>A 64-byte Ed25519 signature. The bytes are copied on construction and never change.</summary>
public sealed class Ed25519Signature : IEquatable<Ed25519Signature>
{
    public const int Size = 64;

    private readonly byte[] _bytes;

    private Ed25519Signature(byte[] bytes) => _bytes = bytes;

    public ReadOnlyMemory<byte> Bytes => _bytes;

    public static bool TryRead(ReadOnlySpan<byte> bytes, out Ed25519Signature signature)
    {
        if (bytes.Length != Size)
        {
            signature = null!;
            return false;
        }

        signature = new Ed25519Signature(bytes.ToArray());
        return true;
    }

    public static Ed25519Signature Read(ReadOnlySpan<byte> bytes) =>
        TryRead(bytes, out var signature) ? signature : throw new ArgumentException("A signature is 64 bytes.", nameof(bytes));

    public static bool TryParse(string? hex, out Ed25519Signature signature)
    {
        signature = null!;
        if (hex is null || hex.Length != Size * 2)
        {
            return false;
        }

        try
        {
            return TryRead(Convert.FromHexString(hex), out signature);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public bool Equals(Ed25519Signature? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as Ed25519Signature);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public override string ToString() => Convert.ToHexStringLower(_bytes);
}
