using Carechain.Core.Crypto;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Production;
using Carechain.Ledger.Transactions;
using Microsoft.Extensions.Logging;

namespace Carechain.Ledger.Replication;

/// <summary>
/// The block producer of a replicated node. While this node leads, it takes mempool transactions,
/// builds and signs a block on the head and proposes it; the block is stored only when consensus
/// delivers it (<see cref="ReplicatedLedger"/>), on this node as on every other. One proposal at a
/// time, so each block is built on the block before it.
/// <para>
/// No admitted transaction is dropped on a leadership change: a block that was not ordered puts its
/// transactions back at the head of the mempool, and a node that no longer leads hands its mempool
/// to the new leader (<see cref="ITransactionHandoff"/>). A transaction whose nonce was committed
/// meanwhile (the same transaction, ordered after all by the next leader) is dropped quietly: its
/// submitters were told of its commit by the block that holds it.
/// </para>
/// </summary>
public sealed partial class ReplicatedBlockProducer(
    LedgerChain chain,
    Mempool mempool,
    ReplicatedLedger ledger,
    IBlockOrdering ordering,
    ITransactionHandoff handoff,
    ProducerOptions options,
    TimeProvider time,
    ILogger<ReplicatedBlockProducer> logger)
{
    /// <summary>How often a follower looks again whether it leads now.</summary>
    private static readonly TimeSpan FollowerPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a follower waits before offering again what the leader could not take.</summary>
    private static readonly TimeSpan HandoffRetryPause = TimeSpan.FromMilliseconds(200);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        while (!cancellationToken.IsCancellationRequested && !ledger.Halted.IsCompleted)
        {
            try
            {
                await mempool.WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
                if (!ordering.IsLeader)
                {
                    var retry = await HandOffAsync(cancellationToken).ConfigureAwait(false);
                    await Task.Delay(retry ? HandoffRetryPause : FollowerPoll, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!chain.MayProduceNext)
                {
                    // Governance removed this node's key (or has not adopted it yet): the next block
                    // must come from a node key in force, so another member must lead.
                    LogNotANodeKey(logger, chain.NodeKey, chain.Head.Height + 1);
                    await ordering.ResignAsync(cancellationToken).ConfigureAwait(false);
                    await Task.Delay(FollowerPoll, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (options.BlockInterval > TimeSpan.Zero && mempool.Count < options.MaxBlockTransactions)
                {
                    await Task.Delay(options.BlockInterval, time, cancellationToken).ConfigureAwait(false);
                }

                await ProposeNextAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Offers everything pending here to the leader; what it took or refused for good is forgotten,
    /// the rest goes back to the mempool. True when something must be offered again.
    /// </summary>
    public async Task<bool> HandOffAsync(CancellationToken cancellationToken)
    {
        var pending = TakeOrderable(int.MaxValue);
        if (pending.Count == 0)
        {
            return false;
        }

        IReadOnlyList<HandoffResult> results;
        try
        {
            results = await handoff.HandOffAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            mempool.Requeue(pending);
            throw;
        }

        var done = new List<Transaction>(pending.Count);
        var retry = new List<Transaction>();
        var refusedAuthors = new HashSet<Ed25519PublicKey>();
        string? retryReason = null;
        for (var i = 0; i < pending.Count; i++)
        {
            var tx = pending[i];
            var result = i < results.Count ? results[i] : HandoffResult.Retry("the leader gave no answer for it");
            if (result.Outcome == HandoffOutcome.Retry && !refusedAuthors.Contains(tx.Author))
            {
                retry.Add(tx);
                retryReason ??= result.Reason;
                continue;
            }

            done.Add(tx);
            if (result.Outcome == HandoffOutcome.Refused)
            {
                refusedAuthors.Add(tx.Author);
                LogHandoffRefused(logger, tx.Id, tx.Nonce, result.Reason);
            }
            else if (result.Outcome == HandoffOutcome.Retry)
            {
                LogHandoffRefused(logger, tx.Id, tx.Nonce, "an earlier transaction of its author was refused, so its nonce cannot follow");
            }
        }

        mempool.Release(done);
        mempool.Requeue(retry);
        if (done.Count > 0)
        {
            LogHandedOff(logger, done.Count, retry.Count);
        }

        if (retry.Count > 0)
        {
            LogHandoffRetry(logger, retry.Count, retryReason ?? string.Empty);
        }

        return retry.Count > 0;
    }

    private async Task ProposeNextAsync(CancellationToken cancellationToken)
    {
        var batch = TakeOrderable(options.MaxBlockTransactions);
        if (batch.Count == 0)
        {
            return;
        }

        var ordered = false;
        try
        {
            BuiltBlock built;
            try
            {
                built = chain.Build(batch, time.GetUtcNow().ToUnixTimeMilliseconds());
            }
            catch (InvalidBlockException ex)
            {
                // Consensus delivered a block between the nonce check and the build: check again.
                LogRebuilding(logger, batch.Count, ex.Message);
                return;
            }

            // Stored at its height means ordered, whatever was applied after it since.
            ordered = await ordering.ProposeAsync(built.ToBlock().Encode(), cancellationToken).ConfigureAwait(false)
                && chain.Store.FindHeight(built.Header.Hash) == built.Header.Height;
            if (!ordered)
            {
                // Leadership changed, or consensus ordered it after a block that took its place.
                LogNotOrdered(logger, built.Header.Height, batch.Count);
            }
        }
        finally
        {
            if (ordered)
            {
                mempool.Release(batch);
            }
            else
            {
                mempool.Requeue(batch);
            }
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> transactions from the mempool and keeps those whose nonces
    /// follow the committed state. The others leave the mempool: a committed nonce means the
    /// transaction (or another with its nonce) is already on the chain; a nonce beyond the next one
    /// can no longer be ordered, as its predecessor left this node (only a lost handoff does that).
    /// </summary>
    private List<Transaction> TakeOrderable(int max)
    {
        var taken = mempool.Take(max);
        var orderable = new List<Transaction>(taken.Count);
        var dropped = new List<Transaction>();
        var next = new Dictionary<Ed25519PublicKey, ulong>();
        foreach (var tx in taken)
        {
            if (!next.TryGetValue(tx.Author, out var expected))
            {
                expected = BlockExecutor.ReadNonce(chain.Store, tx.Author) + 1;
            }

            if (tx.Nonce == expected)
            {
                orderable.Add(tx);
                next[tx.Author] = expected + 1;
                continue;
            }

            next[tx.Author] = expected;
            dropped.Add(tx);
            if (tx.Nonce < expected)
            {
                LogAlreadyCommitted(logger, tx.Id, tx.Nonce);
            }
            else
            {
                LogNonceGap(logger, tx.Id, tx.Nonce, expected);
            }
        }

        mempool.Release(dropped);
        return orderable;
    }

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Block {Height} with {TxCount} transactions was not ordered (leadership changed); its transactions are pending again")]
    private static partial void LogNotOrdered(ILogger logger, long height, int txCount);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Debug, Message = "Building again: a block was committed while {TxCount} transactions were checked ({Reason})")]
    private static partial void LogRebuilding(ILogger logger, int txCount, string reason);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Information, Message = "Handed {TxCount} pending transactions to the leader; {Left} left to offer again")]
    private static partial void LogHandedOff(ILogger logger, int txCount, int left);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Debug, Message = "Pending transaction {TxId} (nonce {Nonce}) is already committed; dropped")]
    private static partial void LogAlreadyCommitted(ILogger logger, TxId txId, ulong nonce);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Warning, Message = "Dropped pending transaction {TxId}: nonce {Nonce} cannot follow the committed state (next nonce {Expected})")]
    private static partial void LogNonceGap(ILogger logger, TxId txId, ulong nonce, ulong expected);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Warning, Message = "Dropped pending transaction {TxId} (nonce {Nonce}): the leader refused it: {Reason}")]
    private static partial void LogHandoffRefused(ILogger logger, TxId txId, ulong nonce, string reason);

    [LoggerMessage(EventId = 1118, Level = LogLevel.Warning, Message = "This node leads, but its key {Key} is not a node key in force at height {Height}; it steps down so that a member whose key is leads")]
    private static partial void LogNotANodeKey(ILogger logger, Ed25519PublicKey key, long height);

    [LoggerMessage(EventId = 1117, Level = LogLevel.Debug, Message = "{TxCount} pending transactions wait for the leader: {Reason}")]
    private static partial void LogHandoffRetry(ILogger logger, int txCount, string reason);
}
