using Carechain.Ledger.Checkpoints;

namespace Carechain.Ledger.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// Stores a checkpoint certificate under its height, synced. Certificates sit beside the chain, not
    /// in block batches: a lost one is only re-collected, never a fork.
    /// </summary>
    public void PutCertificate(CheckpointCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        _db.Put(StoreKeys.Height(certificate.Statement.Height), certificate.Encode(), _families[ColumnFamily.Certificates], _syncWrites);
    }

    public CheckpointCertificate? ReadCertificate(long height)
    {
        var bytes = _db.Get(StoreKeys.Height(height), _families[ColumnFamily.Certificates]);
        return bytes is null ? null : CheckpointCertificate.Decode(bytes);
    }

    /// <summary>The certificate of the highest certified height, or null; one seek, whatever the chain's length.</summary>
    public CheckpointCertificate? ReadLatestCertificate()
    {
        using var iterator = _db.NewIterator(_families[ColumnFamily.Certificates]);
        iterator.SeekToLast();
        return iterator.Valid() ? CheckpointCertificate.Decode(iterator.Value()) : null;
    }
}
