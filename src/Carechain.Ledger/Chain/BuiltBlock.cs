using Carechain.Core.Merkle;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Chain;

/// <summary>
/// A block executed and signed on a known parent but not yet stored: what
/// <see cref="LedgerChain.Build"/> returns, so ordering can sit between building and storing.
/// </summary>
public sealed class BuiltBlock
{
    internal BuiltBlock(BlockHeader header, IReadOnlyList<Transaction> transactions, BlockExecution execution, MerkleFrontier log, IReadOnlyList<MerkleNode> newNodes)
    {
        Header = header;
        Transactions = transactions;
        Execution = execution;
        Log = log;
        NewNodes = newNodes;
    }

    public BlockHeader Header { get; }

    public IReadOnlyList<Transaction> Transactions { get; }

    public BlockExecution Execution { get; }

    /// <summary>The transaction log's right edge after this block.</summary>
    internal MerkleFrontier Log { get; }

    /// <summary>The Merkle-log nodes this block completes.</summary>
    internal IReadOnlyList<MerkleNode> NewNodes { get; }

    /// <summary>The block as ordering carries it: header and transactions.</summary>
    public Block ToBlock() => new(Header, Transactions);
}
