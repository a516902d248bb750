using Carechain.Vault.Envelope;
using Carechain.Vault.Records;
using Carechain.Vault.Storage;
using RocksDbSharp;

namespace Carechain.Vault.Rocks;

/// <summary>
/// The embedded vault: its own RocksDB directory with column families for versions, per-record
/// heads and tombstones. Every write is one atomic batch, synced to disk before the call returns;
/// concurrent writes share one synced batch (<see cref="GroupCommit"/>), so they share one fsync.
/// Writers to the same record are serialised by a striped lock, so the version checks and the
/// write happen as one step; readers never wait. Erasure also compacts the record's key range,
/// so the deleted envelopes leave the memtable, the write-ahead log and the SST files rather than
/// lingering until some later compaction.
/// </summary>
public sealed class RocksVaultStore : IVaultStore
{
    private const int LockStripes = 64;

    private readonly RocksDb _db;
    private readonly ColumnFamilyHandle _versions;
    private readonly ColumnFamilyHandle _heads;
    private readonly ColumnFamilyHandle _tombstones;
    private static readonly ReadOptions DefaultRead = new();

    private readonly WriteOptions _syncWrites = new WriteOptions().SetSync(true);
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, LockStripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly GroupCommit _writes;
    private int _disposed;

    private RocksVaultStore(RocksDb db)
    {
        _db = db;
        _versions = db.GetColumnFamily(RocksKeys.Versions);
        _heads = db.GetColumnFamily(RocksKeys.Heads);
        _tombstones = db.GetColumnFamily(RocksKeys.Tombstones);
        _writes = new GroupCommit(db, _syncWrites);
    }

    public string Path => _db.Path;

    /// <summary>Opens (creating if needed) the vault directory. Only one process may hold it open.</summary>
    public static RocksVaultStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(path);
        return new RocksVaultStore(RocksDb.Open(Options(), path, Families()));
    }

    internal static DbOptions Options() => new DbOptions()
        .SetCreateIfMissing(true)
        .SetCreateMissingColumnFamilies(true)
        .SetParanoidChecks(true)
        .SetKeepLogFileNum(2)
        .SetInfoLogLevel(InfoLogLevel.Warn)
        .SetWalRecoveryMode(Recovery.TolerateCorruptedTailRecords);

    internal static ColumnFamilies Families()
    {
        var families = new ColumnFamilies();
        foreach (var name in RocksKeys.Families)
        {
            // Every put first looks up the record's tombstone and head, which for a new record are
            // absent: Bloom filters answer those from memory instead of each table file's index.
            var table = new BlockBasedTableOptions().SetFilterPolicy(BloomFilterPolicy.Create(10, false));
            var options = new ColumnFamilyOptions().SetBlockBasedTableFactory(table);

            // Envelopes are ciphertext, which no compressor shrinks: trying costs CPU at every flush and compaction.
            families.Add(name, name == RocksKeys.Versions ? options.SetCompression(Compression.No) : options);
        }

        return families;
    }

    public async Task<PutOutcome> PutAsync(SealedRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.Header.Id;
        var stripe = Stripe(id);
        await stripe.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var recordKey = RocksKeys.Record(id);
            if (_db.Get(recordKey, _tombstones) is not null)
            {
                return PutOutcome.RecordErased;
            }

            var head = ReadHead(recordKey, DefaultRead);
            if (record.Header.Version <= head)
            {
                return PutOutcome.VersionExists;
            }

            if (record.Header.Version != head + 1)
            {
                return PutOutcome.VersionOutOfSequence;
            }

            var envelope = record.Encode();
            var version = record.Header.Version;
            await _writes.WriteAsync(batch =>
            {
                batch.Put(RocksKeys.Version(id, version), envelope, _versions);
                batch.Put(recordKey, RocksKeys.Number(version), _heads);
            });
            return PutOutcome.Stored;
        }
        finally
        {
            stripe.Release();
        }
    }

    public Task<VaultRead> GetAsync(RecordId id, long version, CancellationToken cancellationToken = default)
    {
        RecordId.ThrowIfDefault(id, nameof(id));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        // The version first, the tombstone only when it is missing: erasure deletes every version and
        // writes the tombstone in one atomic batch, and nothing is stored for an erased record again, so
        // a version found is not erased yet, and one missing because of an erasure finds its tombstone
        // on the second look-up. No snapshot (nor its ReadOptions, which only a finalizer frees) per read.
        var bytes = version < 1 ? null : _db.Get(RocksKeys.Version(id, version), _versions, DefaultRead);
        if (bytes is not null)
        {
            return Task.FromResult(VaultRead.Found(StoredEnvelope.Decode(bytes, id, version)));
        }

        var tombstone = ReadTombstone(id, DefaultRead);
        return Task.FromResult(tombstone is null ? VaultRead.NotFound : VaultRead.Gone(tombstone));
    }

    public Task<VersionListing> ListVersionsAsync(RecordId id, CancellationToken cancellationToken = default)
    {
        RecordId.ThrowIfDefault(id, nameof(id));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var snapshot = _db.CreateSnapshot();
        var read = new ReadOptions().SetSnapshot(snapshot);
        var tombstone = ReadTombstone(id, read);
        if (tombstone is not null)
        {
            return Task.FromResult(VersionListing.Gone(tombstone));
        }

        var versions = ReadSummaries(id, read);
        return Task.FromResult(versions.Count == 0 ? VersionListing.NotFound : VersionListing.Found(versions));
    }

    public async Task<ErasureOutcome> EraseAsync(RecordId id, CancellationToken cancellationToken = default)
    {
        RecordId.ThrowIfDefault(id, nameof(id));
        var stripe = Stripe(id);
        await stripe.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var existing = ReadTombstone(id, DefaultRead);
            if (existing is not null)
            {
                return new ErasureOutcome(ErasureStatus.AlreadyErased, existing);
            }

            var recordKey = RocksKeys.Record(id);
            var head = ReadHead(recordKey, DefaultRead);
            if (head == 0)
            {
                return new ErasureOutcome(ErasureStatus.NotFound, null);
            }

            var tombstone = new Tombstone(id, ReadSummaries(id, DefaultRead));
            using (var batch = new WriteBatch())
            {
                for (var version = 1L; version <= head; version++)
                {
                    batch.Delete(RocksKeys.Version(id, version), _versions);
                }

                batch.Delete(recordKey, _heads);
                batch.Put(recordKey, tombstone.Encode(), _tombstones);
                _db.Write(batch, _syncWrites);
            }

            Purge(id);
            return new ErasureOutcome(ErasureStatus.Erased, tombstone);
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>Waits for writers in progress, then closes the database. Call it after readers are done.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var stripe in _stripes)
            {
                await stripe.WaitAsync();
            }

            await _writes.DisposeAsync();
            _db.Dispose();
            foreach (var stripe in _stripes)
            {
                stripe.Dispose();
            }
        }
    }

    /// <summary>
    /// Compacting the record's range in every family flushes the memtables that held its envelopes
    /// (which retires the write-ahead-log files that logged them) and rewrites the SST files without them.
    /// </summary>
    private void Purge(RecordId id)
    {
        var start = RocksKeys.Record(id);
        var end = RocksKeys.VersionsEnd(id);
        _db.CompactRange(start, end, _versions);
        _db.CompactRange(start, end, _heads);
        _db.CompactRange(start, end, _tombstones);
    }

    private List<VersionSummary> ReadSummaries(RecordId id, ReadOptions read)
    {
        var head = ReadHead(RocksKeys.Record(id), read);
        var summaries = new List<VersionSummary>((int)Math.Min(head, 1024));
        for (var version = 1L; version <= head; version++)
        {
            var bytes = _db.Get(RocksKeys.Version(id, version), _versions, read)
                ?? throw new Crypto.VaultIntegrityException($"Record {id} version {version} is missing from the vault.");
            summaries.Add(StoredEnvelope.Summary(StoredEnvelope.Decode(bytes, id, version)));
        }

        return summaries;
    }

    private long ReadHead(byte[] recordKey, ReadOptions read)
    {
        var bytes = _db.Get(recordKey, _heads, read);
        return bytes is null ? 0 : RocksKeys.ReadNumber(bytes);
    }

    private Tombstone? ReadTombstone(RecordId id, ReadOptions read)
    {
        var bytes = _db.Get(RocksKeys.Record(id), _tombstones, read);
        return bytes is null ? null : StoredEnvelope.DecodeTombstone(bytes, id);
    }

    private SemaphoreSlim Stripe(RecordId id) => _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(id.Value) % LockStripes)];
}
