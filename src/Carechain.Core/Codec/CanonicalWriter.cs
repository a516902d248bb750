using System.Buffers;
using System.Text;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Core.Codec;

/// <summary>
/// Writes the canonical binary encoding: unsigned LEB128 varints in their shortest form,
/// length-prefixed byte strings and UTF-8 text, fixed-size hashes, keys and signatures.
/// There is exactly one encoding of any value, so equal objects hash equally.
/// </summary>
public sealed class CanonicalWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public CanonicalWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void Clear() => _buffer.ResetWrittenCount();

    public CanonicalWriter Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public CanonicalWriter Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public CanonicalWriter VarUInt(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
        return this;
    }

    public CanonicalWriter Fixed(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public CanonicalWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        VarUInt((ulong)bytes.Length);
        return Fixed(bytes);
    }

    public CanonicalWriter Text(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        VarUInt((ulong)count);
        var span = _buffer.GetSpan(count);
        Encoding.UTF8.GetBytes(value, span);
        _buffer.Advance(count);
        return this;
    }

    public CanonicalWriter Hash(Hash256 hash)
    {
        hash.WriteTo(_buffer.GetSpan(Hash256.Size));
        _buffer.Advance(Hash256.Size);
        return this;
    }

    public CanonicalWriter Key(Ed25519PublicKey key)
    {
        key.WriteTo(_buffer.GetSpan(Ed25519PublicKey.Size));
        _buffer.Advance(Ed25519PublicKey.Size);
        return this;
    }

    public CanonicalWriter Signature(Ed25519Signature signature) => Fixed(signature.Bytes.Span);
}
