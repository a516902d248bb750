using System.Collections.Immutable;
using System.Text;
using RocksDbSharp;

namespace Carechain.Ledger.Storage;

public sealed partial class LedgerStore
{
    private const int RebuildBatch = 10_000;

    private static readonly byte[] Empty = [];
    private static readonly byte[] Built = [1];

    private ImmutableArray<IStateIndex> _indexes = [];

    /// <summary>
    /// Starts keeping <paramref name="index"/> with every block committed from now on, after building it
    /// from the current state if this store has not built it (a store from before the index, or a build cut
    /// short by a crash: the index's marker is written last). Call before blocks are committed.
    /// </summary>
    public void AttachIndex(IStateIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Name.Length == 0 || index.Name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("An index name is non-empty and has no '/'", nameof(index));
        }

        if (_indexes.Any(i => i.Name == index.Name))
        {
            throw new InvalidOperationException($"Index '{index.Name}' is already attached");
        }

        if (_db.Get(IndexMarker(index), _families[ColumnFamily.Indexes]) is null)
        {
            Rebuild(index);
        }

        _indexes = _indexes.Add(index);
    }

    /// <summary>Keys of <paramref name="index"/> that start with <paramref name="prefix"/>, after <paramref name="after"/>, in key order.</summary>
    public IReadOnlyList<byte[]> ScanIndex(IStateIndex index, ReadOnlySpan<byte> prefix, byte[]? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(index);
        var root = IndexRoot(index);
        var full = Join(root, prefix.ToArray());
        var results = new List<byte[]>(Math.Min(limit, 256));
        using var iterator = _db.NewIterator(_families[ColumnFamily.Indexes]);
        iterator.Seek(after is null ? full : Join(root, after));
        if (after is not null && iterator.Valid() && iterator.GetKeySpan()[root.Length..].SequenceEqual(after))
        {
            iterator.Next();
        }

        for (; iterator.Valid() && results.Count < limit; iterator.Next())
        {
            var key = iterator.GetKeySpan();
            if (!key.StartsWith(full))
            {
                break;
            }

            results.Add(key[root.Length..].ToArray());
        }

        return results;
    }

    /// <summary>Adds to a block's batch what its state writes change in the attached indexes (the state before the block is still on disk).</summary>
    private void PutIndexChanges(WriteBatch batch, IReadOnlyList<KeyValuePair<byte[], byte[]?>> writes)
    {
        var indexes = _indexes;
        if (indexes.IsEmpty)
        {
            return;
        }

        var family = _families[ColumnFamily.Indexes];
        foreach (var index in indexes)
        {
            var source = index.SourcePrefix;
            var root = IndexRoot(index);
            foreach (var (key, value) in writes)
            {
                if (!key.AsSpan().StartsWith(source))
                {
                    continue;
                }

                var fresh = value is null ? [] : index.KeysFor(key, value);
                var mayGoStale = value is null || !index.KeysFixedWhileEntryExists;
                if (mayGoStale && _db.Get(key, _families[ColumnFamily.State]) is { } old)
                {
                    foreach (var stale in index.KeysFor(key, old).Where(k => !fresh.Any(f => f.AsSpan().SequenceEqual(k))))
                    {
                        batch.Delete(Join(root, stale), family);
                    }
                }

                foreach (var entry in fresh)
                {
                    batch.Put(Join(root, entry), Empty, family);
                }
            }
        }
    }

    private void Rebuild(IStateIndex index)
    {
        var family = _families[ColumnFamily.Indexes];
        var root = IndexRoot(index);
        using (var clear = new WriteBatch())
        {
            var end = root.ToArray();
            end[^1]++;
            clear.DeleteRange(root, (ulong)root.Length, end, (ulong)end.Length, family);
            _db.Write(clear, _syncWrites);
        }

        var batch = new WriteBatch();
        try
        {
            var pending = 0;
            using var iterator = _db.NewIterator(_families[ColumnFamily.State]);
            for (iterator.Seek(index.SourcePrefix); iterator.Valid() && iterator.GetKeySpan().StartsWith(index.SourcePrefix); iterator.Next())
            {
                foreach (var entry in index.KeysFor(iterator.GetKeySpan(), iterator.GetValueSpan()))
                {
                    batch.Put(Join(root, entry), Empty, family);
                    pending++;
                }

                if (pending >= RebuildBatch)
                {
                    _db.Write(batch, _syncWrites);
                    batch.Dispose();
                    batch = new WriteBatch();
                    pending = 0;
                }
            }

            batch.Put(IndexMarker(index), Built, family);
            _db.Write(batch, _syncWrites);
        }
        finally
        {
            batch.Dispose();
        }
    }

    /// <summary>Entries of an index live under "name/"; the key "name" alone marks the index as built.</summary>
    private static byte[] IndexRoot(IStateIndex index) => Encoding.ASCII.GetBytes(index.Name + "/");

    private static byte[] Join(byte[] root, byte[] key)
    {
        var joined = new byte[root.Length + key.Length];
        root.CopyTo(joined, 0);
        key.CopyTo(joined, root.Length);
        return joined;
    }

    private static byte[] IndexMarker(IStateIndex index) => Encoding.ASCII.GetBytes(index.Name);
}
