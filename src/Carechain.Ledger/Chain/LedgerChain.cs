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
/// log. It is the single writer: <see cref="Commit"/> executes, signs and stores a block on a solo
/// node; on a replicated node <see cref="Build"/> makes a block to propose and <see cref="ApplyDelivered"/>
/// validates and stores each block that consensus delivers.
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

    /// <summary>The last block this node built to propose; applied without re-verifying or re-executing when consensus delivers it unchanged.</summary>
    private BuiltBlock? _proposed;

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
    /// <remarks>This node produces every block, so its key must be a genesis node key.</remarks>
    public static LedgerChain Open(LedgerStore store, ModuleRegistry modules, SigningKey producerKey, Func<GenesisDocument> newGenesis)
    {
        var chain = Open(store, modules, producerKey, newGenesis, genesisHeader: null);
        if (!chain.Genesis.Producers.Contains(producerKey.PublicKey))
        {
            throw new InvalidOperationException($"Key {producerKey.PublicKey} is not a block producer of chain '{chain.Genesis.ChainId}'.");
        }

        return chain;
    }

    /// <summary>Opens or creates the chain; a new chain's block 0 is <paramref name="genesisHeader"/>, or else signed by this node.</summary>
    private static LedgerChain Open(
        LedgerStore store, ModuleRegistry modules, SigningKey producerKey, Func<GenesisDocument> newGenesis, BlockHeader? genesisHeader)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(producerKey);
        ArgumentNullException.ThrowIfNull(newGenesis);
        var genesis = store.ReadGenesis();
        if (genesis is null)
        {
            genesis = newGenesis();
            store.CommitGenesis(genesis, genesisHeader ?? genesis.UnsignedGenesisHeader(producerKey.PublicKey).SignWith(producerKey));
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
            var built = BuildOnHead(transactions, nowMs);
            Persist(built, orderingIndex: null);
            return new CommittedBlock(built.Header, built.Execution.Receipts);
        }
    }

    /// <summary>
    /// Executes <paramref name="transactions"/> (verified, in nonce order) on the current head and
    /// signs the header, without storing anything: the replicated path orders the result first and
    /// stores it only when consensus delivers it (see <see cref="ApplyDelivered"/>).
    /// </summary>
    public BuiltBlock Build(IReadOnlyList<Transaction> transactions, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        lock (_commitLock)
        {
            _proposed = BuildOnHead(transactions, nowMs);
            return _proposed;
        }
    }

    /// <summary>
    /// The node keys that may produce and certify block <paramref name="height"/>: those in force after
    /// block <paramref name="height"/> − 1 (from the genesis through governance's node-set history). Any
    /// height up to one above the head is answered.
    /// </summary>
    public NodeSet NodeSetAt(long height) => Modules.NodeSets.NodeSetAt(_store, Genesis, height);

    /// <summary>True when this node's key may produce the block after the head.</summary>
    public bool MayProduceNext => NodeSetAt(Head.Height + 1).Contains(_producerKey.PublicKey);

    private BuiltBlock BuildOnHead(IReadOnlyList<Transaction> transactions, long nowMs)
    {
        var parent = _head;
        if (!NodeSetAt(parent.Height + 1).Contains(_producerKey.PublicKey))
        {
            throw new InvalidOperationException($"Key {_producerKey.PublicKey} is not a node key in force at height {parent.Height + 1}, so it may not produce that block.");
        }

        var timestamp = Math.Max(nowMs, parent.TimestampMs);
        var context = new BlockContext(Genesis, parent.Height + 1, timestamp, _producerKey.PublicKey);
        var (execution, log, newNodes) = Execute(parent, context, transactions);
        var header = new BlockHeader
        {
            Height = context.Height,
            PreviousHash = parent.Hash,
            TimestampMs = timestamp,
            TxCount = transactions.Count,
            TxRoot = Block.ComputeTxRoot(transactions),
            LogRoot = log.Root,
            LogSize = log.Size,
            StateCommitment = execution.StateCommitment,
            Producer = _producerKey.PublicKey,
        }.SignWith(_producerKey);
        return new BuiltBlock(header, transactions, execution, log, newNodes);
    }

    /// <summary>Runs the transactions on the state after <paramref name="parent"/> and extends a copy of the log.</summary>
    private (BlockExecution Execution, MerkleFrontier Log, List<MerkleNode> NewNodes) Execute(
        BlockHeader parent, BlockContext context, IReadOnlyList<Transaction> transactions)
    {
        var execution = _executor.Execute(_store, parent.StateCommitment, context, transactions);
        var log = _log.Clone();
        var newNodes = new List<MerkleNode>(transactions.Count * 2);
        Span<byte> id = stackalloc byte[Hash256.Size];
        foreach (var tx in transactions)
        {
            tx.Id.Hash.WriteTo(id);
            log.Append(MerkleHash.Leaf(id), newNodes);
        }

        return (execution, log, newNodes);
    }

    /// <summary>Writes a built block in one synced batch and makes it the head; the caller holds the commit lock.</summary>
    private void Persist(BuiltBlock built, long? orderingIndex)
    {
        _store.CommitBlock(built.Header, built.Transactions, built.Execution, built.NewNodes, orderingIndex);
        _log = built.Log;
        Volatile.Write(ref _head, built.Header);
    }

    /// <summary>This node's signed statement of its current head.</summary>
    public Checkpoint SignCheckpoint()
    {
        var head = Head;
        return Checkpoint.Sign(ChainId, head.Height, head.Hash, head.LogRoot, head.LogSize, _producerKey);
    }
}
