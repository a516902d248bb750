using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Chain;

public sealed partial class LedgerChain
{
    /// <summary>
    /// An inclusion proof of a committed transaction in the log of size <paramref name="treeSize"/>
    /// (the current size when null). Null when the transaction is unknown or not yet in that prefix.
    /// </summary>
    public InclusionProof? ProveInclusion(TxId id, long? treeSize)
    {
        var size = treeSize ?? Head.LogSize;
        var stored = _store.ReadTransaction(id);
        if (stored is null || size > Head.LogSize || stored.LogIndex >= size)
        {
            return null;
        }

        return MerkleProofBuilder.Inclusion(_store, stored.LogIndex, size);
    }

    /// <summary>A consistency proof between two sizes of the log; null when the sizes are not 0 &lt; from ≤ to ≤ current size.</summary>
    public ConsistencyProof? ProveConsistency(long fromSize, long toSize)
    {
        if (fromSize <= 0 || fromSize > toSize || toSize > Head.LogSize)
        {
            return null;
        }

        return MerkleProofBuilder.Consistency(_store, fromSize, toSize);
    }

    /// <summary>The log's root at a past size (null beyond the current size).</summary>
    public Hash256? LogRootAt(long size) => size < 0 || size > Head.LogSize ? null : MerkleProofBuilder.RootAt(_store, size);
}
