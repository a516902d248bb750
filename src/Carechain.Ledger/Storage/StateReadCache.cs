using System.Collections.Concurrent;
using Carechain.Ledger.State;

namespace Carechain.Ledger.Storage;

/// <summary>
/// Recently read state values (and absences), so the keys every request reads again (a caller's
/// identity, its organisation, a record's anchor, a patient's grants) skip RocksDB. It never answers
/// other than the store would at that moment: <see cref="BeginCommit"/> drops every key a block
/// writes before its batch lands, and a value is kept only if no block that began since it was read
/// writes its key (<see cref="Keep"/> checks the commit epoch it was read under against the keys of
/// the one commit that may have begun since; a read older than that is not kept). Blocks commit one
/// at a time (the store's single writer), so a node committing a block every few milliseconds still
/// keeps what it reads. Bounded by <see cref="MaxEntries"/> and <see cref="MaxBytes"/>: when either
/// is reached, an eighth of the entries, in the dictionary's hash order (not the order they were
/// read, so a working set somewhat larger than the cache still mostly hits), make room. Values over
/// <see cref="MaxValueBytes"/> are never kept. Callers get their own copy of a value, so nothing they
/// do changes the cache.
/// </summary>
internal sealed class StateReadCache
{
    public const int MaxEntries = 131_072;

    public const long MaxBytes = 64L * 1024 * 1024;

    public const int MaxValueBytes = 1024;

    /// <summary>What an entry costs beyond its key and value bytes: the dictionary node and two array headers.</summary>
    private const int EntryOverheadBytes = 96;

    private static readonly byte[] Absent = [];

    private readonly ConcurrentDictionary<byte[], byte[]> _values = new(ByteArrayComparer.Instance);
    private readonly ConcurrentDictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly Lock _gate = new();

    /// <summary>Even while no commit is under way; each commit adds one as it begins and one as it ends.</summary>
    private long _epoch;

    /// <summary>The keys of the commit that began last, and the (odd) epoch it began at.</summary>
    private HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lastCommitKeys = new HashSet<byte[]>(ByteArrayComparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();

    private long _lastCommitEpoch = -1;

    /// <summary>The keys of the commit under way that were cached when it began: what it writes to them is cached once it landed.</summary>
    private readonly HashSet<byte[]> _refreshed = new(ByteArrayComparer.Instance);

    /// <summary>Entries held and their cost; changed only under <see cref="_gate"/> (the dictionary's own count takes every one of its locks).</summary>
    private int _count;

    private long _bytes;

    public StateReadCache() => _lookup = _values.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The epoch to pass to <see cref="Keep"/> for a value read from the store after this call.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    /// <summary>Entries held now.</summary>
    public int Count => Volatile.Read(ref _count);

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

    /// <summary>
    /// Caches what the store answered for <paramref name="key"/> when read under <paramref name="epoch"/>,
    /// unless a commit that began since (or was under way during the read) writes the key, or more than one
    /// commit began since.
    /// </summary>
    public void Keep(ReadOnlySpan<byte> key, byte[]? value, long epoch)
    {
        if (value is { Length: > MaxValueBytes })
        {
            return;
        }

        var kept = value is null ? Absent : value.AsSpan().ToArray();
        lock (_gate)
        {
            var unchanged = epoch == _epoch && (epoch & 1) == 0;
            var onlyTheLastCommitSince = (epoch == _lastCommitEpoch - 1 || epoch == _lastCommitEpoch) && !_lastCommitKeys.Contains(key);
            if (!unchanged && !onlyTheLastCommitSince)
            {
                return;
            }

            Add(key, kept);
        }
    }

    /// <summary>Before a block's batch is written: its keys leave the cache, and no value of them read from now until the next commit begins is kept.</summary>
    public void BeginCommit(IEnumerable<byte[]> keys)
    {
        var written = new HashSet<byte[]>(keys, ByteArrayComparer.Instance);
        lock (_gate)
        {
            _epoch++;
            _lastCommitEpoch = _epoch;
            _lastCommitKeys = written.GetAlternateLookup<ReadOnlySpan<byte>>();
            _refreshed.Clear();
            foreach (var key in written)
            {
                if (Remove(key))
                {
                    _refreshed.Add(key);
                }
            }
        }
    }

    /// <summary>
    /// After the batch landed, with what it wrote, or after it failed, with nothing: reads from now on
    /// see the new state. What a block wrote is what the store now answers for those keys (blocks
    /// commit one at a time), so the written keys that were cached when the commit began (read by the
    /// block, such as a new record's anchor looked up before it was written, or by requests) are
    /// cached again with their new values: a record is most often read soon after it was written, and
    /// its first read then skips RocksDB too. Written keys nothing read (access events, index entries)
    /// do not crowd the cache.
    /// </summary>
    public void EndCommit(IReadOnlyList<KeyValuePair<byte[], byte[]?>> landed)
    {
        lock (_gate)
        {
            _epoch++;
            foreach (var (key, value) in landed)
            {
                if (_refreshed.Contains(key) && value is not { Length: > MaxValueBytes })
                {
                    Add(key, value is null ? Absent : value.AsSpan().ToArray());
                }
            }

            _refreshed.Clear();
        }
    }

    /// <summary>Adds or replaces an entry, making room first if the cache is full (under <see cref="_gate"/>).</summary>
    private void Add(ReadOnlySpan<byte> key, byte[] value)
    {
        var cost = key.Length + value.Length + EntryOverheadBytes;
        if (_count >= MaxEntries || _bytes + cost > MaxBytes)
        {
            MakeRoom();
        }

        if (_lookup.TryGetValue(key, out var old))
        {
            _lookup[key] = value;
            _bytes += value.Length - old.Length;
            return;
        }

        if (_lookup.TryAdd(key, value))
        {
            _count++;
            _bytes += cost;
        }
    }

    /// <summary>Drops an eighth of the entries (under <see cref="_gate"/>).</summary>
    private void MakeRoom()
    {
        var target = _count - (_count / 8) - 1;
        foreach (var pair in _values)
        {
            if (_count <= target && _bytes <= MaxBytes * 7 / 8)
            {
                return;
            }

            _ = Remove(pair.Key);
        }
    }

    private bool Remove(byte[] key)
    {
        if (!_values.TryRemove(key, out var value))
        {
            return false;
        }

        _count--;
        _bytes -= key.Length + value.Length + EntryOverheadBytes;
        return true;
    }
}
