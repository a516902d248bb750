using System.Collections.Concurrent;
using Carechain.Ledger.State;

namespace Carechain.Ledger.Storage;

/// <summary>
/// Recently read state values (and absences), so the keys every request reads again (a caller's
/// identity, its organisation, a record's anchor, a patient's grants) skip RocksDB. It never answers
/// other than the store would at that moment: <see cref="BeginCommit"/> drops every key a block
/// writes before its batch lands, and a value read while any commit began or was under way is not
/// kept (<see cref="Keep"/> checks the commit epoch it read under). Bounded: past
/// <see cref="MaxEntries"/> it starts empty again, and values over <see cref="MaxValueBytes"/> are
/// never kept. Callers get their own copy of a value, so nothing they do changes the cache.
/// </summary>
internal sealed class StateReadCache
{
    public const int MaxEntries = 32_768;

    public const int MaxValueBytes = 1024;

    private static readonly byte[] Absent = [];

    private readonly ConcurrentDictionary<byte[], byte[]> _values = new(ByteArrayComparer.Instance);
    private readonly ConcurrentDictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly Lock _gate = new();

    /// <summary>Even while no commit is under way; each commit adds one as it begins and one as it ends.</summary>
    private long _epoch;

    /// <summary>Entries held; changed only under <see cref="_gate"/> (the dictionary's own count takes every one of its locks).</summary>
    private int _count;

    public StateReadCache() => _lookup = _values.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The epoch to pass to <see cref="Keep"/> for a value read from the store after this call.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    /// <summary>True with the value (a copy; null for an absent key) if the key is cached.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out byte[]? value)
    {
        if (!_lookup.TryGetValue(key, out var cached))
        {
            value = null;
            return false;
        }

        value = ReferenceEquals(cached, Absent) ? null : cached.AsSpan().ToArray();
        return true;
    }

    /// <summary>Caches what the store answered for <paramref name="key"/>, unless a commit began since <paramref name="epoch"/>.</summary>
    public void Keep(ReadOnlySpan<byte> key, byte[]? value, long epoch)
    {
        if ((epoch & 1) != 0 || value is { Length: > MaxValueBytes })
        {
            return;
        }

        var kept = value is null ? Absent : value.AsSpan().ToArray();
        lock (_gate)
        {
            if (_epoch != epoch)
            {
                return;
            }

            if (_count >= MaxEntries)
            {
                _values.Clear();
                _count = 0;
            }

            if (_lookup.TryAdd(key, kept))
            {
                _count++;
            }
        }
    }

    /// <summary>Before a block's batch is written: its keys leave the cache, and nothing read from now until <see cref="EndCommit"/> is kept.</summary>
    public void BeginCommit(IEnumerable<byte[]> keys)
    {
        lock (_gate)
        {
            _epoch++;
            foreach (var key in keys)
            {
                if (_values.TryRemove(key, out _))
                {
                    _count--;
                }
            }
        }
    }

    /// <summary>After the batch landed (or failed): reads from now on see the new state and may be kept again.</summary>
    public void EndCommit()
    {
        lock (_gate)
        {
            _epoch++;
        }
    }
}
