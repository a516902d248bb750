using CsCheck;
using Carechain.Core.Hashing;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Tests.Supply;

public sealed class SerialRangePropertyTests
{
    private static readonly Gen<SerialRange> Ranges =
        Gen.Select(Gen.String[Gen.Char["ABXYZabz-./_"], 0, 4], Gen.Int[1, 12], Gen.Long[0, 1_000_000], Gen.Long[1, 5_000])
            .Select((prefix, width, start, count) => new SerialRange(prefix, width, start, count))
            .Where(r => r.Problem() is null);

    [Fact]
    public void Every_serial_of_a_valid_range_splits_back_to_that_range()
    {
        Gen.Select(Ranges, Gen.Double[0, 1]).Sample((range, at) =>
        {
            var offset = (long)(at * (range.Count - 1));
            Assert.Equal((range.Prefix, range.Width, range.Start + offset), SerialRange.Split(range.SerialAt(offset)));
            Assert.True(PackId.IsSerial(range.SerialAt(offset)));
        });
    }

    [Fact]
    public void Any_single_serial_is_a_valid_range_of_one_that_renders_back_to_it()
    {
        Gen.String[Gen.Char["AZaz09-./_%"], 1, 20].Sample(serial =>
        {
            var range = SerialRange.OfOne(serial);
            Assert.Null(range.Problem());
            Assert.Equal(serial, range.SerialAt(0));
        });
    }

    [Fact]
    public void The_range_index_accepts_exactly_the_intervals_that_overlap_nothing_and_finds_what_a_model_finds()
    {
        var intervals = Gen.Select(Gen.Long[0, 200], Gen.Long[1, 20]).Array[1, 30];
        intervals.Sample(list =>
        {
            var index = RangeIndex.Empty();
            var model = new Dictionary<long, int>();
            for (var i = 0; i < list.Length; i++)
            {
                var (start, count) = list[i];
                var free = Enumerable.Range(0, (int)count).All(k => !model.ContainsKey(start + k));
                Assert.Equal(free, index.TryAdd(start, count, Batch(i)));
                if (free)
                {
                    for (var k = 0; k < count; k++)
                    {
                        model[start + k] = i;
                    }
                }
            }

            var decoded = RangeIndex.Decode(index.Encode());
            for (long n = 0; n < 230; n++)
            {
                Hash256? expected = model.TryGetValue(n, out var owner) ? Batch(owner) : null;
                Assert.Equal(expected, decoded.Find(n));
            }
        });
    }

    private static Hash256 Batch(int i) => Hash256.Sha256(BitConverter.GetBytes(i));
}
