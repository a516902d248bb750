using Carechain.Core.Crypto;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Replication;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Chain;

public sealed partial class LedgerChain
{
    /// <summary>
    /// Opens a consortium member's chain. Every member must hold the same block 0, so it is not
    /// signed here but given: <paramref name="genesisHeader"/>, signed once by a genesis producer
    /// (<c>carechain init</c> writes it into every node's config). An empty store is seeded with it;
    /// a store holding another chain is refused. <paramref name="nodeKey"/> need not be a genesis node
    /// key: a key governance adds runs a member too, and it produces only at heights where it is in
    /// force (<see cref="MayProduceNext"/>).
    /// </summary>
    public static LedgerChain OpenMember(LedgerStore store, ModuleRegistry modules, SigningKey nodeKey, GenesisDocument genesis, BlockHeader genesisHeader)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(genesisHeader);
        if (!genesis.Producers.Contains(genesisHeader.Producer) || !genesisHeader.HasValidSignature()
            || genesis.UnsignedGenesisHeader(genesisHeader.Producer) with { Signature = genesisHeader.Signature } != genesisHeader)
        {
            throw new InvalidDataException("The genesis block is not the genesis document's block 0 signed by one of its producers.");
        }

        var stored = store.ReadGenesis();
        if (stored is not null && !stored.Encode().AsSpan().SequenceEqual(genesis.Encode()))
        {
            throw new InvalidDataException($"The store holds chain '{stored.ChainId}' with another genesis document.");
        }

        if (stored is not null && store.ReadBlock(0)?.Header != genesisHeader)
        {
            throw new InvalidDataException("The store's block 0 differs from the consortium's genesis block.");
        }

        return Open(store, modules, nodeKey, () => genesis, genesisHeader);
    }

    /// <summary>
    /// Validates a block that consensus delivered and, when it extends the head and re-executes to
    /// its header, stores it with <paramref name="orderingIndex"/> in one synced batch. Decisions
    /// depend only on the head and the block, so every member decides the same way.
    /// </summary>
    public BlockApplyResult ApplyDelivered(Block block, long orderingIndex) => Apply(block, orderingIndex);

    /// <summary>
    /// Validates a block fetched from a peer to catch up, exactly as a delivered block (producer
    /// signature, link to the head, transaction signatures and root, re-execution, log and state
    /// commitment), and stores it when it holds. The stored consensus index is left as it was, so a
    /// restart still resumes Raft delivery where it stopped; entries for blocks held by then are stale.
    /// </summary>
    public BlockApplyResult ApplyFetched(Block block) => Apply(block, orderingIndex: null);

    /// <summary>The stored block at <paramref name="height"/> with its transactions, as it was ordered; null above the head.</summary>
    public Block? ReadBlock(long height)
    {
        if (height < 0 || height > Head.Height || _store.ReadBlock(height) is not { } stored)
        {
            return null;
        }

        var transactions = new Transaction[stored.TxIds.Count];
        for (var i = 0; i < transactions.Length; i++)
        {
            transactions[i] = _store.ReadTransaction(stored.TxIds[i])?.Transaction
                ?? throw new InvalidDataException($"block {height} lists transaction {stored.TxIds[i]}, which the store does not hold");
        }

        return new Block(stored.Header, transactions);
    }

    private BlockApplyResult Apply(Block block, long? orderingIndex)
    {
        ArgumentNullException.ThrowIfNull(block);
        var header = block.Header;
        lock (_commitLock)
        {
            var parent = _head;
            if (header.Height != parent.Height + 1 || header.PreviousHash != parent.Hash)
            {
                return BlockApplyResult.Stale($"block {header.Height} ({header.Hash}) does not extend head {parent.Height} ({parent.Hash})");
            }

            if (_proposed is { } own && own.Header.Hash == header.Hash && Block.ComputeTxRoot(block.Transactions) == header.TxRoot)
            {
                // This node built this very header on this head, from transactions whose signatures
                // it verified at admission, and the delivered transactions are the ones the header
                // commits to: validating and executing again would give the same result.
                _proposed = null;
                Persist(own, orderingIndex);
                return BlockApplyResult.Applied(new CommittedBlock(header, own.Execution.Receipts));
            }

            // The producers of a height are the node keys in force after its parent, which the head
            // state (the parent's) names: the genesis keys, then as governance changed them.
            if (!NodeSetAt(header.Height).Contains(header.Producer) || !header.HasValidSignature())
            {
                return BlockApplyResult.Rejected($"block {header.Height} is not signed by a node key in force at its height");
            }

            if (header.TimestampMs < parent.TimestampMs)
            {
                return BlockApplyResult.Rejected($"block {header.Height} has a timestamp before its parent's");
            }

            if (block.Transactions.AsParallel().Any(tx => !tx.HasValidSignature()))
            {
                return BlockApplyResult.Rejected($"block {header.Height} holds a transaction whose signature does not verify");
            }

            if (Block.ComputeTxRoot(block.Transactions) != header.TxRoot)
            {
                return BlockApplyResult.Rejected($"block {header.Height}'s transactions do not match its tx root");
            }

            var context = new BlockContext(Genesis, header.Height, header.TimestampMs, header.Producer);
            BlockExecution execution;
            Core.Merkle.MerkleFrontier log;
            List<Core.Merkle.MerkleNode> newNodes;
            try
            {
                (execution, log, newNodes) = Execute(parent, context, block.Transactions);
            }
            catch (InvalidBlockException ex)
            {
                // Nonces and chain ids are checked against this node's state: refusing what the
                // producer accepted means the two states differ.
                return BlockApplyResult.Diverged($"block {header.Height} does not execute here: {ex.Message}");
            }

            if (log.Root != header.LogRoot || log.Size != header.LogSize)
            {
                return BlockApplyResult.Diverged($"block {header.Height}: the transaction log here gives another root or size than the header");
            }

            if (execution.StateCommitment != header.StateCommitment)
            {
                return BlockApplyResult.Diverged(
                    $"block {header.Height}: re-execution gives state commitment {execution.StateCommitment}, the header says {header.StateCommitment}");
            }

            Persist(new BuiltBlock(header, block.Transactions, execution, log, newNodes), orderingIndex);
            return BlockApplyResult.Applied(new CommittedBlock(header, execution.Receipts));
        }
    }
}
