using Carechain.Core.Codec;
using CsCheck;

namespace Carechain.Core.Tests.Codec;

public class CanonicalReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x80, 0x00 })]
    [InlineData(new byte[] { 0xFF, 0x80, 0x00 })]
    public void Overlong_varint_is_refused(byte[] bytes)
    {
        var ex = Assert.Throws<CodecException>(() =>
        {
            var reader = new CanonicalReader(bytes);
            reader.VarUInt();
        });
        Assert.Contains("shortest form", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Varint_past_64_bits_is_refused()
    {
        var bytes = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 };
        Assert.Throws<CodecException>(() =>
        {
            var reader = new CanonicalReader(bytes);
            reader.VarUInt();
        });
    }

    [Fact]
    public void Trailing_bytes_are_refused()
    {
        var bytes = new CanonicalWriter().VarUInt(5).Byte(7).ToArray();
        Assert.Throws<CodecException>(() =>
        {
            var reader = new CanonicalReader(bytes);
            reader.VarUInt();
            reader.End("test object");
        });
    }

    [Fact]
    public void Every_ulong_round_trips_in_shortest_form() =>
        Gen.ULong.Sample(value =>
        {
            var bytes = new CanonicalWriter().VarUInt(value).ToArray();
            var reader = new CanonicalReader(bytes);
            var back = reader.VarUInt();
            reader.End("varint");
            return back == value;
        });

    [Fact]
    public void Invalid_utf8_text_is_refused()
    {
        var bytes = new CanonicalWriter().Bytes(new byte[] { 0xC3, 0x28 }).ToArray();
        Assert.Throws<CodecException>(() =>
        {
            var reader = new CanonicalReader(bytes);
            reader.Text(16, "label");
        });
    }

    [Fact]
    public void Length_above_bound_is_refused_before_reading()
    {
        var bytes = new CanonicalWriter().VarUInt(1_000_000).ToArray();
        var ex = Assert.Throws<CodecException>(() =>
        {
            var reader = new CanonicalReader(bytes);
            reader.Bytes(1024, "payload");
        });
        Assert.Contains("above the limit", ex.Message, StringComparison.Ordinal);
    }
}
