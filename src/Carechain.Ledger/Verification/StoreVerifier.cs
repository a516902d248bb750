using Carechain.Core.Codec;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Transactions;
using RocksDbSharp;

namespace Carechain.Ledger.Verification;

/// <summary>
/// Checks a whole store offline, trusting nothing in it: replays every block from genesis,
/// checking each header link and signature, each transaction's id, position and signature, the
/// tx root, the state commitment (by re-executing), every receipt, every Merkle-log node, the
/// log root, and finally that every column family holds exactly what the replay produced
/// (no missing, extra or altered entry). Stops at the first damage and names its block.
/// </summary>
public sealed partial class StoreVerifier(ModuleRegistry modules)
{
    public VerificationReport Verify(string path, IProgress<VerificationProgress>? progress = null)
    {
        if (!Directory.Exists(path))
        {
            return new VerificationReport(false, 0, 0, null, $"no store at {path}");
        }

        var replay = new Replay(modules);
        LedgerStore opened;
        try
        {
            opened = LedgerStore.OpenReadOnly(path);
        }
        catch (RocksDbSharpException ex)
        {
            return new VerificationReport(false, 0, 0, null, LedgerStore.OpensWithTornLogTail(path)
                ? "the write-ahead log ends in a torn record, as a crash in the middle of a write leaves it; start the node once to recover, then verify again"
                : $"the store cannot be opened: {FirstLine(ex.Message)}");
        }

        try
        {
            using var store = opened;
            store.VerifyTableChecksums();
            replay.Run(store, progress);
            CheckFamilies(store, replay);
            return new VerificationReport(true, replay.Blocks, replay.Transactions, null, "intact");
        }
        catch (StoreDamage damage)
        {
            return new VerificationReport(false, replay.Blocks, replay.Transactions, damage.Height, damage.Message);
        }
        catch (Exception ex) when (ex is RocksDbSharpException or CodecException or InvalidDataException or IOException or ArgumentException)
        {
            // The store engine or a decoder refused what it read: name the block the replay had reached.
            return new VerificationReport(false, replay.Blocks, replay.Transactions, replay.CurrentHeight, FirstLine(ex.Message));
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    /// <summary>Replays the chain block by block into memory, comparing everything the store claims.</summary>
    private sealed class Replay(ModuleRegistry modules)
    {
        private readonly BlockExecutor _executor = new(modules);
        private readonly MemoryState _state = new();
        private readonly MerkleFrontier _log = new();

        public long Blocks { get; private set; }

        public long Transactions { get; private set; }

        public long MerkleNodes { get; private set; }

        public long? CurrentHeight { get; private set; }

        public long HeadHeight { get; private set; }

        public MemoryState State => _state;

        public void Run(LedgerStore store, IProgress<VerificationProgress>? progress)
        {
            CurrentHeight = 0;
            var genesis = store.ReadGenesis() ?? throw new StoreDamage(0, "the genesis document is missing");
            HeadHeight = store.ReadHeadHeight() ?? throw new StoreDamage(null, "the head pointer is missing");
            BlockHeader? parent = null;
            for (var height = 0L; height <= HeadHeight; height++)
            {
                CurrentHeight = height;
                var block = store.ReadBlock(height) ?? throw new StoreDamage(height, "the block is missing");
                var header = block.Header;
                if (header.Height != height)
                {
                    throw new StoreDamage(height, $"the stored block says it is height {header.Height}");
                }

                CheckHeader(genesis, parent, header);
                if (store.FindHeight(header.Hash) != height)
                {
                    throw new StoreDamage(height, "the block-hash index does not point at this block");
                }

                if (parent is not null)
                {
                    ReplayTransactions(store, genesis, parent, block);
                }

                parent = header;
                Blocks++;
                progress?.Report(new VerificationProgress(height, HeadHeight));
            }
        }

        private void CheckHeader(GenesisDocument genesis, BlockHeader? parent, BlockHeader header)
        {
            // Block 0 is signed by a genesis node key; a later block by a node key in force after its
            // parent, which the state replayed so far (the parent's) names.
            if (parent is null ? !genesis.Producers.Contains(header.Producer) : !modules.NodeSets.NodeSetAt(_state, genesis, header.Height).Contains(header.Producer))
            {
                throw new StoreDamage(header.Height, $"producer {header.Producer} is not a node key in force at this height");
            }

            if (!header.HasValidSignature())
            {
                throw new StoreDamage(header.Height, "the producer's signature on the header does not verify");
            }

            if (parent is null)
            {
                var expected = genesis.UnsignedGenesisHeader(header.Producer) with { Signature = header.Signature };
                if (expected != header)
                {
                    throw new StoreDamage(0, "the genesis block does not match the genesis document");
                }

                return;
            }

            if (header.PreviousHash != parent.Hash)
            {
                throw new StoreDamage(header.Height, "the previous-hash link does not match the parent header");
            }

            if (header.TimestampMs < parent.TimestampMs)
            {
                throw new StoreDamage(header.Height, "the timestamp runs backwards");
            }
        }

        private void ReplayTransactions(LedgerStore store, GenesisDocument genesis, BlockHeader parent, StoredBlock block)
        {
            var header = block.Header;
            var txs = new Transaction[block.TxIds.Count];
            for (var i = 0; i < txs.Length; i++)
            {
                var stored = store.ReadTransaction(block.TxIds[i]) ?? throw new StoreDamage(header.Height, $"transaction {block.TxIds[i]} is missing");
                if (stored.Transaction.Id != block.TxIds[i] || stored.Height != header.Height || stored.Index != i || stored.LogIndex != parent.LogSize + i)
                {
                    throw new StoreDamage(header.Height, $"transaction {block.TxIds[i]} is stored with the wrong id or position");
                }

                txs[i] = stored.Transaction;
            }

            var badSignature = -1;
            Parallel.For(0, txs.Length, i =>
            {
                if (!txs[i].HasValidSignature())
                {
                    Interlocked.CompareExchange(ref badSignature, i, -1);
                }
            });
            if (badSignature >= 0)
            {
                throw new StoreDamage(header.Height, $"transaction {txs[badSignature].Id} has a bad signature");
            }

            if (Block.ComputeTxRoot(txs) != header.TxRoot)
            {
                throw new StoreDamage(header.Height, "the tx root does not match the block's transactions");
            }

            Execute(store, genesis, parent, header, txs);
            AppendToLog(store, header, txs);
            Transactions += txs.Length;
        }

        private void Execute(LedgerStore store, GenesisDocument genesis, BlockHeader parent, BlockHeader header, Transaction[] txs)
        {
            BlockExecution execution;
            try
            {
                execution = _executor.Execute(_state, parent.StateCommitment, new BlockContext(genesis, header.Height, header.TimestampMs, header.Producer), txs);
            }
            catch (InvalidBlockException ex)
            {
                throw new StoreDamage(header.Height, ex.Message);
            }

            if (execution.StateCommitment != header.StateCommitment)
            {
                throw new StoreDamage(header.Height, "re-execution gives a different state commitment");
            }

            for (var i = 0; i < txs.Length; i++)
            {
                var stored = store.ReadReceipt(txs[i].Id) ?? throw new StoreDamage(header.Height, $"the receipt of {txs[i].Id} is missing");
                if (!stored.Encode().AsSpan().SequenceEqual(execution.EncodedReceipts[i]))
                {
                    throw new StoreDamage(header.Height, $"the stored receipt of {txs[i].Id} differs from re-execution");
                }
            }

            _state.Apply(execution.SortedWrites, header.Height);
        }

        private void AppendToLog(LedgerStore store, BlockHeader header, Transaction[] txs)
        {
            var nodes = new List<MerkleNode>();
            Span<byte> id = stackalloc byte[Hash256.Size];
            foreach (var tx in txs)
            {
                tx.Id.Hash.WriteTo(id);
                _log.Append(MerkleHash.Leaf(id), nodes);
            }

            foreach (var node in nodes)
            {
                if (store.ReadNode(node.Level, node.Index) != node.Hash)
                {
                    throw new StoreDamage(header.Height, $"Merkle-log node ({node.Level}, {node.Index}) differs from the transactions");
                }
            }

            MerkleNodes += nodes.Count;
            if (_log.Root != header.LogRoot || _log.Size != header.LogSize)
            {
                throw new StoreDamage(header.Height, "the log root or size does not match the transactions");
            }
        }
    }
}
