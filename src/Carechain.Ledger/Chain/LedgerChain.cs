using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Chain;

/// <summary>
/// The chain as one node holds it: the store, the head, and the right edge of the transaction
/// log. <see cref="Commit"/> is the single writer: it executes, signs and durably stores a block.
/// Opening reads only the head and O(log n) Merkle nodes, whatever the chain's length.
/// </summary>
public sealed partial class LedgerChain
{
    private readonly LedgerStore _store;
    private readonly BlockExecutor _executor;
    private readonly SigningKey _producerKey;
    private readonly Lock _commitLock = new();
    private MerkleFrontier _log;
    private BlockHeader _head;

    private LedgerChain(LedgerStore store, ModuleRegistry modules, SigningKey producerKey, GenesisDocument genesis, BlockHeader head)
    {
        _store = store;
        _executor = new BlockExecutor(modules);
        _producerKey = producerKey;
        Modules = modules;
        Genesis = genesis;
        _head = head;
        _log = MerkleFrontier.Restore(store, head.LogSize);
    }

    public GenesisDocument Genesis { get; }

    public string ChainId => Genesis.ChainId;

    public ModuleRegistry Modules { get; }

    public LedgerStore Store => _store;

    public BlockHeader Head => Volatile.Read(ref _head);

    public Ed25519PublicKey NodeKey => _producerKey.PublicKey;

    /// <summary>Opens the chain in <paramref name="store"/>, creating it from <paramref name="newGenesis"/> if the store is empty.</summary>
    public static LedgerChain Open(LedgerStore store, ModuleRegistry modules, SigningKey producerKey, Func<GenesisDocument> newGenesis)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(producerKey);
        ArgumentNullException.ThrowIfNull(newGenesis);
        var genesis = store.ReadGenesis();
        if (genesis is null)
        {
            genesis = newGenesis();
            store.CommitGenesis(genesis, genesis.UnsignedGenesisHeader(producerKey.PublicKey).SignWith(producerKey));
        }

        if (!genesis.Producers.Contains(producerKey.PublicKey))
        {
            throw new InvalidOperationException($"Key {producerKey.PublicKey} is not a block producer of chain '{genesis.ChainId}'.");
        }

        var height = store.ReadHeadHeight() ?? throw new InvalidDataException("The store has a genesis document but no head block.");
        var head = store.ReadBlock(height)?.Header ?? throw new InvalidDataException($"The store's head block {height} is missing.");
        return new LedgerChain(store, modules, producerKey, genesis, head);
    }

    /// <summary>
    /// Executes <paramref name="transactions"/> (verified, in nonce order) on the head state and
    /// commits the block. Returns only once the block is synced to disk.
    /// </summary>
    public CommittedBlock Commit(IReadOnlyList<Transaction> transactions, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        lock (_commitLock)
        {
            var parent = _head;
            var height = parent.Height + 1;
            var timestamp = Math.Max(nowMs, parent.TimestampMs);
            var context = new BlockContext(Genesis, height, timestamp, _producerKey.PublicKey);
            var execution = _executor.Execute(_store, parent.StateCommitment, context, transactions);

            var log = _log.Clone();
            var newNodes = new List<MerkleNode>(transactions.Count * 2);
            Span<byte> id = stackalloc byte[Hash256.Size];
            foreach (var tx in transactions)
            {
                tx.Id.Hash.WriteTo(id);
                log.Append(MerkleHash.Leaf(id), newNodes);
            }

            var header = new BlockHeader
            {
                Height = height,
                PreviousHash = parent.Hash,
                TimestampMs = timestamp,
                TxCount = transactions.Count,
                TxRoot = Block.ComputeTxRoot(transactions),
                LogRoot = log.Root,
                LogSize = log.Size,
                StateCommitment = execution.StateCommitment,
                Producer = _producerKey.PublicKey,
            }.SignWith(_producerKey);

            _store.CommitBlock(header, transactions, execution, newNodes);
            _log = log;
            Volatile.Write(ref _head, header);
            return new CommittedBlock(header, execution.Receipts);
        }
    }

    /// <summary>This node's signed statement of its current head.</summary>
    public Checkpoint SignCheckpoint()
    {
        var head = Head;
        return Checkpoint.Sign(ChainId, head.Height, head.Hash, head.LogRoot, head.LogSize, _producerKey);
    }
}
