using Carechain.Ledger.Admission;
using Carechain.Ledger.Chain;
using Microsoft.Extensions.Logging;

namespace Carechain.Ledger.Production;

/// <summary>
/// Orders transactions on a single node: takes them from the mempool in arrival order, commits
/// a block, then tells waiting submitters. If the store fails, it stops producing (the node
/// reports itself unhealthy) rather than run on a state it could not persist.
/// </summary>
public sealed partial class SoloBlockProducer(
    LedgerChain chain, Mempool mempool, CommitNotifier notifier, ProducerOptions options, TimeProvider time, ILogger<SoloBlockProducer> logger)
{
    public Exception? Fault { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await mempool.WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
                if (options.BlockInterval > TimeSpan.Zero && mempool.Count < options.MaxBlockTransactions)
                {
                    await Task.Delay(options.BlockInterval, time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var batch = mempool.Take(options.MaxBlockTransactions);
            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var block = chain.Commit(batch, time.GetUtcNow().ToUnixTimeMilliseconds());
                mempool.Release(batch);
                notifier.Committed(block.Receipts);
                LogBlockCommitted(logger, block.Header.Height, block.Header.TxCount);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or RocksDbSharp.RocksDbSharpException)
            {
                Fault = ex;
                mempool.Release(batch);
                notifier.Failed(batch, ex);
                LogProducerStopped(logger, ex);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Committed block {Height} with {TxCount} transactions")]
    private static partial void LogBlockCommitted(ILogger logger, long height, int txCount);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "Block production stopped: the store could not commit")]
    private static partial void LogProducerStopped(ILogger logger, Exception exception);
}
