using Carechain.Core.Codec;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Supply.Packs;

/// <summary>
/// The commissioned numbers of one (GTIN, serial prefix, width), as disjoint intervals sorted by
/// start, each naming its batch. A range of a million serials is one interval; finding a serial's
/// batch is a binary search. Adjacent intervals of the same batch are merged.
/// </summary>
public sealed class RangeIndex
{
    private readonly List<(long Start, long Count, Hash256 Batch)> _intervals;

    private RangeIndex(List<(long Start, long Count, Hash256 Batch)> intervals) => _intervals = intervals;

    public static RangeIndex Empty() => new([]);

    public int IntervalCount => _intervals.Count;

    public Hash256? Find(long number)
    {
        var i = LastStartingAtOrBefore(number);
        return i >= 0 && number < _intervals[i].Start + _intervals[i].Count ? _intervals[i].Batch : null;
    }

    /// <summary>Adds [start, start+count) for <paramref name="batch"/>; false (and no change) if any number is taken.</summary>
    public bool TryAdd(long start, long count, Hash256 batch)
    {
        var i = LastStartingAtOrBefore(start);
        if (i >= 0 && start < _intervals[i].Start + _intervals[i].Count)
        {
            return false;
        }

        if (i + 1 < _intervals.Count && _intervals[i + 1].Start < start + count)
        {
            return false;
        }

        if (i >= 0 && _intervals[i].Batch == batch && _intervals[i].Start + _intervals[i].Count == start)
        {
            _intervals[i] = (_intervals[i].Start, _intervals[i].Count + count, batch);
            return true;
        }

        _intervals.Insert(i + 1, (start, count, batch));
        return true;
    }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(8 + (_intervals.Count * 44)).VarUInt((ulong)_intervals.Count);
        foreach (var (start, count, batch) in _intervals)
        {
            writer.VarUInt((ulong)start).VarUInt((ulong)count).Hash(batch);
        }

        return writer.ToArray();
    }

    public static RangeIndex Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var intervals = new List<(long, long, Hash256)>(reader.Length(int.MaxValue, "intervals"));
        for (var i = 0; i < intervals.Capacity; i++)
        {
            intervals.Add(((long)reader.VarUInt(long.MaxValue, "start"), (long)reader.VarUInt(long.MaxValue, "count"), reader.Hash("batch")));
        }

        reader.End("range index");
        return new RangeIndex(intervals);
    }

    private int LastStartingAtOrBefore(long number)
    {
        int lo = 0, hi = _intervals.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_intervals[mid].Start <= number)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
