using Carechain.Ledger.Storage;

namespace Carechain.Ledger.Verification;

public sealed partial class StoreVerifier
{
    /// <summary>
    /// After the replay, every column family must hold exactly what it produced: reading every
    /// entry also makes RocksDB check the checksum of every block of every table file.
    /// </summary>
    private static void CheckFamilies(LedgerStore store, Replay replay)
    {
        var blocks = replay.HeadHeight + 1;
        ExpectCount(store, ColumnFamily.Blocks, blocks, replay.HeadHeight);
        ExpectCount(store, ColumnFamily.BlockHashes, blocks, replay.HeadHeight);
        ExpectCount(store, ColumnFamily.Transactions, replay.Transactions, replay.HeadHeight);
        ExpectCount(store, ColumnFamily.Receipts, replay.Transactions, replay.HeadHeight);
        ExpectCount(store, ColumnFamily.MerkleNodes, replay.MerkleNodes, replay.HeadHeight);
        // Genesis and head, plus the consensus log index on a replicated node.
        ExpectCount(store, ColumnFamily.Meta, store.ReadOrderingIndex() > 0 ? 3 : 2, null);
        CheckCertificates(store, replay.HeadHeight);
        // The node's own indexes are derived, not replayed: read for their checksums only.
        _ = store.ScanFamily(ColumnFamily.Indexes).LongCount();

        var seen = 0L;
        foreach (var (key, value) in store.ScanFamily(ColumnFamily.State))
        {
            var expected = replay.State.Get(key);
            if (expected is null || !expected.AsSpan().SequenceEqual(value))
            {
                throw new StoreDamage(replay.State.LastWriter(key) ?? replay.HeadHeight, "the stored state differs from the replayed chain");
            }

            seen++;
        }

        if (seen != replay.State.Count)
        {
            throw new StoreDamage(replay.HeadHeight, $"the stored state has {seen} entries; the replayed chain has {replay.State.Count}");
        }
    }

    private static void ExpectCount(LedgerStore store, string family, long expected, long? height)
    {
        var count = store.ScanFamily(family).LongCount();
        if (count != expected)
        {
            throw new StoreDamage(height, $"column family '{family}' holds {count} entries; the chain accounts for {expected}");
        }
    }
}
