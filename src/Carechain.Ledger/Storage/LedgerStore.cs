using System.Buffers.Binary;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using RocksDbSharp;

namespace Carechain.Ledger.Storage;

/// <summary>
/// The node's RocksDB store: blocks, transactions, receipts, state and Merkle-log nodes.
/// Each block is committed as one atomic write batch, synced to disk before
/// <see cref="CommitBlock"/> returns, so nothing a client was told is committed can be lost,
/// and nothing is ever half-written. Opening reads only the head, so restart time does not
/// grow with the length of the chain.
/// </summary>
public sealed partial class LedgerStore : IStateReader, IMerkleNodeReader, IDisposable
{
    /// <summary>All memtables together stay under this, so node memory does not grow with the chain.</summary>
    private const ulong MemtableBudgetBytes = 64UL * 1024 * 1024;

    /// <summary>RocksDB's default seven levels: uncompressed at levels 0 and 1, LZ4 below.</summary>
    private static readonly Compression[] CompressionLevels =
        [Compression.No, Compression.No, Compression.Lz4, Compression.Lz4, Compression.Lz4, Compression.Lz4, Compression.Lz4];

    private static readonly Cache SharedBlockCache = Cache.CreateLru(32UL * 1024 * 1024);

    private readonly RocksDb _db;
    private readonly bool _readOnly;
    private readonly Dictionary<string, ColumnFamilyHandle> _families;
    private readonly WriteOptions _syncWrites = new WriteOptions().SetSync(true);
    private readonly StateReadCache _stateCache = new();
    private bool _disposed;

    private LedgerStore(RocksDb db, bool readOnly, IReadOnlyList<string> families)
    {
        _db = db;
        _readOnly = readOnly;
        _families = families.ToDictionary(name => name, db.GetColumnFamily);
    }

    public string Path => _db.Path;

    /// <summary>Opens (creating if needed) a store for a node to write.</summary>
    public static LedgerStore Open(string path)
    {
        Directory.CreateDirectory(path);
        var options = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            .SetParanoidChecks(true)
            .SetKeepLogFileNum(2)
            .SetDbWriteBufferSize(MemtableBudgetBytes)
            .SetInfoLogLevel(InfoLogLevel.Warn)
            .SetWalRecoveryMode(Recovery.TolerateCorruptedTailRecords);
        return new LedgerStore(RocksDb.Open(options, path, Families(ColumnFamily.All)), readOnly: false, ColumnFamily.All);
    }

    /// <summary>
    /// Opens an existing store read-only, refusing any corrupted write-ahead-log record:
    /// the mode the offline verifier uses.
    /// </summary>
    public static LedgerStore OpenReadOnly(string path) => OpenReadOnly(path, Recovery.AbsoluteConsistency);

    /// <summary>
    /// True when the store opens if a torn final write-ahead-log record is tolerated: what a crash
    /// in the middle of a write leaves, and what the node itself discards when it next starts.
    /// </summary>
    public static bool OpensWithTornLogTail(string path)
    {
        try
        {
            using var store = OpenReadOnly(path, Recovery.TolerateCorruptedTailRecords);
            return true;
        }
        catch (RocksDbSharpException)
        {
            return false;
        }
    }

    private static LedgerStore OpenReadOnly(string path, Recovery recovery)
    {
        var options = new DbOptions()
            .SetParanoidChecks(true)
            .SetInfoLogLevel(InfoLogLevel.Warn)
            .SetWalRecoveryMode(recovery);
        // A store last written before the indexes family existed lacks it; it is opened without it.
        var present = RocksDb.ListColumnFamilies(options, path).ToHashSet(StringComparer.Ordinal);
        var families = ColumnFamily.All.Where(name => name != ColumnFamily.Indexes || present.Contains(name)).ToList();
        return new LedgerStore(RocksDb.OpenReadOnly(options, path, Families(families), false), readOnly: true, families);
    }

    public GenesisDocument? ReadGenesis()
    {
        var bytes = _db.Get(StoreKeys.GenesisKey, _families[ColumnFamily.Meta]);
        return bytes is null ? null : GenesisDocument.Decode(bytes);
    }

    public long? ReadHeadHeight()
    {
        var bytes = _db.Get(StoreKeys.HeadKey, _families[ColumnFamily.Meta]);
        return bytes is null ? null : StoreKeys.ReadHeight(bytes);
    }

    /// <summary>
    /// The consensus log index stored with the last replicated block (0 when none was), so a
    /// restarted member resumes delivery right after the blocks it already holds.
    /// </summary>
    public long ReadOrderingIndex()
    {
        var bytes = _db.Get(StoreKeys.OrderingIndexKey, _families[ColumnFamily.Meta]);
        return bytes is null ? 0 : StoreKeys.ReadHeight(bytes);
    }

    public StoredBlock? ReadBlock(long height)
    {
        var bytes = _db.Get(StoreKeys.Height(height), _families[ColumnFamily.Blocks]);
        return bytes is null ? null : StoredBlock.Decode(bytes);
    }

    public long? FindHeight(Hash256 headerHash)
    {
        var bytes = _db.Get(StoreKeys.Hash(headerHash), _families[ColumnFamily.BlockHashes]);
        return bytes is null ? null : StoreKeys.ReadHeight(bytes);
    }

    public StoredTransaction? ReadTransaction(TxId id)
    {
        var bytes = _db.Get(StoreKeys.Hash(id.Hash), _families[ColumnFamily.Transactions]);
        return bytes is null ? null : DecodeStoredTransaction(bytes);
    }

    public bool ContainsTransaction(TxId id) => _db.HasKey(StoreKeys.Hash(id.Hash), _families[ColumnFamily.Transactions]);

    public Receipt? ReadReceipt(TxId id)
    {
        var bytes = _db.Get(StoreKeys.Hash(id.Hash), _families[ColumnFamily.Receipts]);
        return bytes is null ? null : Receipt.Decode(bytes);
    }

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        if (_stateCache.TryGet(key, out var cached))
        {
            return cached;
        }

        var epoch = _stateCache.Epoch;
        var value = _db.Get(key, _families[ColumnFamily.State]);
        _stateCache.Keep(key, value, epoch);
        return value;
    }

    public Hash256 ReadNode(int level, long index)
    {
        var bytes = _db.Get(StoreKeys.MerkleNode(level, index), _families[ColumnFamily.MerkleNodes]);
        return bytes is { Length: Hash256.Size }
            ? Hash256.Read(bytes)
            : throw new InvalidDataException($"The store lacks Merkle node ({level}, {index}): it is damaged");
    }

    /// <summary>State entries whose key starts with <paramref name="prefix"/>, after <paramref name="after"/>, in key order.</summary>
    public IReadOnlyList<KeyValuePair<byte[], byte[]>> ScanState(byte[] prefix, byte[]? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var results = new List<KeyValuePair<byte[], byte[]>>(Math.Min(limit, 256));
        using var iterator = _db.NewIterator(_families[ColumnFamily.State]);
        iterator.Seek(after ?? prefix);
        if (after is not null && iterator.Valid() && iterator.GetKeySpan().SequenceEqual(after))
        {
            iterator.Next();
        }

        for (; iterator.Valid() && results.Count < limit; iterator.Next())
        {
            var key = iterator.Key();
            if (!key.AsSpan().StartsWith(prefix))
            {
                break;
            }

            results.Add(KeyValuePair.Create(key, iterator.Value()));
        }

        return results;
    }

    /// <summary>Every entry of a column family in key order, each block checksum verified as it is read (none for a family the store lacks).</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> ScanFamily(string family)
    {
        if (!_families.TryGetValue(family, out var handle))
        {
            yield break;
        }

        using var iterator = _db.NewIterator(handle, new ReadOptions().SetVerifyChecksums(true).SetFillCache(false));
        for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
        {
            yield return KeyValuePair.Create(iterator.Key(), iterator.Value());
        }
    }

    /// <summary>Reads every block of every table file and checks its checksum; throws on the first bad one.</summary>
    public void VerifyTableChecksums() => Native.Instance.rocksdb_verify_checksum(_db.Handle);

    internal static StoredTransaction DecodeStoredTransaction(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 20)
        {
            throw new InvalidDataException("A stored transaction record is truncated");
        }

        var height = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var index = BinaryPrimitives.ReadInt32BigEndian(bytes[8..]);
        var logIndex = BinaryPrimitives.ReadInt64BigEndian(bytes[12..]);
        return new StoredTransaction(Transaction.Decode(bytes[20..]), height, index, logIndex);
    }

    internal static byte[] EncodeStoredTransaction(Transaction tx, long height, int index, long logIndex)
    {
        var bytes = new byte[20 + tx.Encoded.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, height);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), index);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(12), logIndex);
        tx.Encoded.Span.CopyTo(bytes.AsSpan(20));
        return bytes;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_readOnly)
        {
            // Move the memtables into checksummed table files so a clean shutdown leaves no log to replay.
            var flush = new FlushOptions().SetWaitForFlush(true);
            foreach (var family in _families.Values)
            {
                Native.Instance.rocksdb_flush_cf(_db.Handle, flush.Handle, family.Handle);
            }
        }

        _db.Dispose();
    }

    private static ColumnFamilies Families(IReadOnlyList<string> names)
    {
        var families = new ColumnFamilies();
        foreach (var name in names)
        {
            // Bloom filters make the many lookups of absent keys (new nonces, unanchored hashes,
            // unseen tx ids) cheap; one shared block cache bounds read memory.
            var table = new BlockBasedTableOptions()
                .SetFilterPolicy(BloomFilterPolicy.Create(10, false))
                .SetBlockCache(SharedBlockCache);
            // Data is compressed only from the third level down, where most of it ends up: a node commits a
            // block every few milliseconds, and compressing each flush and first compaction again cost CPU
            // that reads and writes wait for.
            families.Add(name, new ColumnFamilyOptions()
                .SetWriteBufferSize(MemtableBudgetBytes / 4)
                .SetBlockBasedTableFactory(table)
                .SetCompressionPerLevel(CompressionLevels, (ulong)CompressionLevels.Length));
        }

        return families;
    }
}
