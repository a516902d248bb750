using System.Text;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Core.Codec;

/// <summary>
/// Reads the canonical encoding written by <see cref="CanonicalWriter"/> and refuses anything
/// another encoder could have produced: over-long varints, lengths past a bound, invalid UTF-8,
/// booleans other than 0 or 1, invalid keys, and (through <see cref="End"/>) trailing bytes.
/// Every refusal is a <see cref="CodecException"/>.
/// </summary>
public ref struct CanonicalReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public CanonicalReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public byte Byte()
    {
        Need(1, "byte");
        return _data[_position++];
    }

    public bool Bool()
    {
        var at = _position;
        return Byte() switch
        {
            0 => false,
            1 => true,
            _ => throw new CodecException("A boolean must be 0 or 1", at),
        };
    }

    public ulong VarUInt()
    {
        var start = _position;
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new CodecException("Truncated varint", start);
            }

            var b = _data[_position++];
            if (shift == 63 && b > 1)
            {
                throw new CodecException("Varint overflows 64 bits", start);
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (b == 0 && shift > 0)
                {
                    throw new CodecException("Varint is not in its shortest form", start);
                }

                return result;
            }
        }
    }

    /// <summary>A varint that must not exceed <paramref name="max"/>.</summary>
    public ulong VarUInt(ulong max, string what)
    {
        var at = _position;
        var value = VarUInt();
        return value <= max ? value : throw new CodecException($"{what} {value} is above the limit {max}", at);
    }

    public int Length(int max, string what) => (int)VarUInt((ulong)max, what + " length");

    public ReadOnlySpan<byte> Fixed(int count, string what)
    {
        Need(count, what);
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    public ReadOnlySpan<byte> Bytes(int maxLength, string what) => Fixed(Length(maxLength, what), what);

    public string Text(int maxBytes, string what)
    {
        var at = _position;
        var bytes = Bytes(maxBytes, what);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new CodecException($"{what} is not valid UTF-8", at);
        }
    }

    public Hash256 Hash(string what) => Hash256.Read(Fixed(Hash256.Size, what));

    public Ed25519PublicKey Key(string what)
    {
        var at = _position;
        return Ed25519PublicKey.TryRead(Fixed(Ed25519PublicKey.Size, what), out var key)
            ? key
            : throw new CodecException($"{what} is not a valid Ed25519 public key", at);
    }

    public Ed25519Signature Signature(string what) => Ed25519Signature.Read(Fixed(Ed25519Signature.Size, what));

    /// <summary>Reads the version byte and refuses any version other than the ones given.</summary>
    public byte Version(string what, byte expected)
    {
        var at = _position;
        var version = Byte();
        return version == expected ? version : throw new CodecException($"Unknown {what} version {version}", at);
    }

    /// <summary>Asserts that every byte was consumed.</summary>
    public readonly void End(string what)
    {
        if (_position != _data.Length)
        {
            throw new CodecException($"{_data.Length - _position} trailing bytes after {what}", _position);
        }
    }

    private readonly void Need(int count, string what)
    {
        if (count < 0 || _data.Length - _position < count)
        {
            throw new CodecException($"Truncated {what}: needs {count} bytes, {_data.Length - _position} left", _position);
        }
    }
}
