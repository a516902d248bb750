using Carechain.Ledger.Admission;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Production;
using Microsoft.Extensions.Logging;

namespace Carechain.Ledger.Replication;

/// <summary>
/// The block producer of a replicated node. While this node leads, it takes mempool transactions,
/// builds and signs a block on the head and proposes it; the block is stored only when consensus
/// delivers it (<see cref="ReplicatedLedger"/>), on this node as on every other. One proposal at a
/// time, so each block is built on the block before it. A node that does not lead holds no
/// pending transactions: they were never ordered, so their submitters time out and resubmit.
/// </summary>
public sealed partial class ReplicatedBlockProducer(
    LedgerChain chain,
    Mempool mempool,
    ReplicatedLedger ledger,
    IBlockOrdering ordering,
    ProducerOptions options,
    TimeProvider time,
    ILogger<ReplicatedBlockProducer> logger)
{
    /// <summary>How often a follower looks again whether it leads now.</summary>
    private static readonly TimeSpan FollowerPoll = TimeSpan.FromMilliseconds(50);

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
                    DropUnordered();
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

    private async Task ProposeNextAsync(CancellationToken cancellationToken)
    {
        var batch = mempool.Take(options.MaxBlockTransactions);
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            BuiltBlock built;
            try
            {
                built = chain.Build(batch, time.GetUtcNow().ToUnixTimeMilliseconds());
            }
            catch (InvalidBlockException ex)
            {
                // Admitted while this node led before; another leader has since committed their
                // nonces. They cannot be ordered any more.
                LogDroppedStale(logger, batch.Count, ex.Message);
                return;
            }

            if (!await ordering.ProposeAsync(built.ToBlock().Encode(), cancellationToken).ConfigureAwait(false))
            {
                LogNotOrdered(logger, built.Header.Height, batch.Count);
            }
            else if (chain.Head.Hash != built.Header.Hash)
            {
                // Consensus ordered it after a block that took its place: every node skipped it.
                LogNotOrdered(logger, built.Header.Height, batch.Count);
            }
        }
        finally
        {
            mempool.Release(batch);
        }
    }

    private void DropUnordered()
    {
        var dropped = mempool.Take(int.MaxValue);
        mempool.Release(dropped);
        if (dropped.Count > 0)
        {
            LogDroppedOnFollower(logger, dropped.Count);
        }
    }

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Block {Height} with {TxCount} transactions was not ordered (leadership changed); its submitters must resubmit")]
    private static partial void LogNotOrdered(ILogger logger, long height, int txCount);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Dropped {TxCount} pending transactions whose nonces were committed meanwhile: {Reason}")]
    private static partial void LogDroppedStale(ILogger logger, int txCount, string reason);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "Dropped {TxCount} pending transactions: this node no longer leads")]
    private static partial void LogDroppedOnFollower(ILogger logger, int txCount);
}
