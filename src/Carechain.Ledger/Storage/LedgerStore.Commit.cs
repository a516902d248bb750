using Carechain.Core.Merkle;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Transactions;
using RocksDbSharp;

namespace Carechain.Ledger.Storage;

public sealed partial class LedgerStore
{
    /// <summary>Writes the genesis document and block 0; only into an empty store.</summary>
    public void CommitGenesis(GenesisDocument genesis, BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(header);
        if (ReadHeadHeight() is not null)
        {
            throw new InvalidOperationException("The store already holds a chain.");
        }

        using var batch = new WriteBatch();
        batch.Put(StoreKeys.GenesisKey, genesis.Encode(), _families[ColumnFamily.Meta]);
        PutBlock(batch, new StoredBlock(header, []));
        _db.Write(batch, _syncWrites);
    }

    /// <summary>
    /// Commits a whole executed block in one synced write batch: block, hash index,
    /// transactions, receipts, state writes, what they change in the attached indexes, new Merkle nodes and the new head. A replicated node
    /// passes the block's consensus log index, stored in the same batch so block and index agree.
    /// </summary>
    public void CommitBlock(
        BlockHeader header, IReadOnlyList<Transaction> transactions, BlockExecution execution, IReadOnlyList<MerkleNode> newNodes, long? orderingIndex = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(newNodes);
        using var batch = new WriteBatch();
        var firstLogIndex = header.LogSize - transactions.Count;
        var ids = new TxId[transactions.Count];
        var txFamily = _families[ColumnFamily.Transactions];
        var receiptFamily = _families[ColumnFamily.Receipts];
        for (var i = 0; i < transactions.Count; i++)
        {
            var tx = transactions[i];
            ids[i] = tx.Id;
            var key = StoreKeys.Hash(tx.Id.Hash);
            batch.Put(key, EncodeStoredTransaction(tx, header.Height, i, firstLogIndex + i), txFamily);
            batch.Put(key, execution.EncodedReceipts[i], receiptFamily);
        }

        var stateFamily = _families[ColumnFamily.State];
        foreach (var (key, value) in execution.SortedWrites)
        {
            if (value is null)
            {
                batch.Delete(key, stateFamily);
            }
            else
            {
                batch.Put(key, value, stateFamily);
            }
        }

        PutIndexChanges(batch, execution.SortedWrites);
        var merkleFamily = _families[ColumnFamily.MerkleNodes];
        foreach (var node in newNodes)
        {
            batch.Put(StoreKeys.MerkleNode(node.Level, node.Index), node.Hash.ToArray(), merkleFamily);
        }

        PutBlock(batch, new StoredBlock(header, ids));
        if (orderingIndex is { } index)
        {
            batch.Put(StoreKeys.OrderingIndexKey, StoreKeys.Height(index), _families[ColumnFamily.Meta]);
        }

        // Cached state reads of the keys this block writes are dropped first, so none outlives the write;
        // once the batch landed, what it wrote is cached instead.
        _stateCache.BeginCommit(execution.SortedWrites.Select(w => w.Key));
        IReadOnlyList<KeyValuePair<byte[], byte[]?>> landed = [];
        try
        {
            _db.Write(batch, _syncWrites);
            landed = execution.SortedWrites;
        }
        finally
        {
            _stateCache.EndCommit(landed);
        }
    }

    private void PutBlock(WriteBatch batch, StoredBlock block)
    {
        var height = StoreKeys.Height(block.Header.Height);
        batch.Put(height, block.Encode(), _families[ColumnFamily.Blocks]);
        batch.Put(StoreKeys.Hash(block.Header.Hash), height, _families[ColumnFamily.BlockHashes]);
        batch.Put(StoreKeys.HeadKey, height, _families[ColumnFamily.Meta]);
    }
}
