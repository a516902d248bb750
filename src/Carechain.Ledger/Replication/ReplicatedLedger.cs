using Carechain.Core.Codec;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Chain;
using Microsoft.Extensions.Logging;

namespace Carechain.Ledger.Replication;

/// <summary>
/// The only writer of a replicated node's chain: consensus hands it every committed entry, in
/// order, and it applies those that are valid blocks extending the head, telling waiting
/// submitters. A block whose re-execution disagrees with its header halts it for good (the node
/// stays up and says why) rather than let it commit on a state the consortium does not share.
/// </summary>
public sealed partial class ReplicatedLedger(LedgerChain chain, CommitNotifier notifier, ILogger<ReplicatedLedger> logger)
{
    private readonly TaskCompletionSource _halted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _divergence;
    private Exception? _fault;

    /// <summary>Why this node stopped committing because its state disagrees with a block, or null.</summary>
    public string? Divergence => Volatile.Read(ref _divergence);

    /// <summary>The store failure that stopped this node committing, or null.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Completes when this node stops committing, by divergence or a store failure.</summary>
    public Task Halted => _halted.Task;

    /// <summary>
    /// Stops committing because the consortium has shown, by other means than a delivered block (a
    /// quorum certificate for another state), that this node's chain differs. The first reason stays.
    /// </summary>
    public void StopDiverged(string reason)
    {
        Interlocked.CompareExchange(ref _divergence, reason, null);
        _halted.TrySetResult();
    }

    /// <summary>Handles one committed consensus entry at <paramref name="index"/>. Never throws for a bad block.</summary>
    public ValueTask OnDeliveredAsync(long index, ReadOnlyMemory<byte> entry, CancellationToken cancellationToken)
    {
        if (_halted.Task.IsCompleted)
        {
            return ValueTask.CompletedTask;
        }

        Block block;
        try
        {
            block = Block.Decode(entry.Span);
        }
        catch (CodecException ex)
        {
            // Decoding depends on the bytes alone, so every node skips the entry alike.
            LogSkipped(logger, index, BlockApplyStatus.Rejected, ex.Message);
            return ValueTask.CompletedTask;
        }

        BlockApplyResult result;
        try
        {
            result = chain.ApplyDelivered(block, index);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or RocksDbSharp.RocksDbSharpException)
        {
            Volatile.Write(ref _fault, ex);
            _halted.TrySetResult();
            LogStoreFailed(logger, index, ex);
            return ValueTask.CompletedTask;
        }

        switch (result.Status)
        {
            case BlockApplyStatus.Applied:
                notifier.Committed(result.Committed!.Receipts);
                LogApplied(logger, result.Committed.Header.Height, result.Committed.Header.TxCount, index);
                break;
            case BlockApplyStatus.Diverged:
                Volatile.Write(ref _divergence, result.Reason);
                _halted.TrySetResult();
                LogDiverged(logger, index, result.Reason);
                break;
            case BlockApplyStatus.Stale when chain.Store.FindHeight(block.Header.Hash) == block.Header.Height:
                // A block this node already fetched from a peer while it caught up.
                LogAlreadyHeld(logger, index, block.Header.Height);
                break;
            default:
                LogSkipped(logger, index, result.Status, result.Reason);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Applies a block fetched from a peer to catch up (see <see cref="BlockCatchUp"/>), validated as
    /// a delivered block is. Null when this node has stopped committing (before or because of a store failure).
    /// </summary>
    public BlockApplyResult? ApplyFetched(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (_halted.Task.IsCompleted)
        {
            return null;
        }

        BlockApplyResult result;
        try
        {
            result = chain.ApplyFetched(block);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or RocksDbSharp.RocksDbSharpException)
        {
            Volatile.Write(ref _fault, ex);
            _halted.TrySetResult();
            LogStoreFailedCatchingUp(logger, block.Header.Height, ex);
            return null;
        }

        if (result.Status == BlockApplyStatus.Applied)
        {
            notifier.Committed(result.Committed!.Receipts);
        }

        return result;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Applied block {Height} with {TxCount} transactions from consensus entry {Index}")]
    private static partial void LogApplied(ILogger logger, long height, int txCount, long index);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Skipped consensus entry {Index} ({Status}): {Reason}")]
    private static partial void LogSkipped(ILogger logger, long index, BlockApplyStatus status, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Critical,
        Message = "DIVERGED at consensus entry {Index}: {Reason}. This node's state differs from the block's producer; it has stopped committing and reports itself unhealthy")]
    private static partial void LogDiverged(ILogger logger, long index, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Critical, Message = "Stopped committing at consensus entry {Index}: the store could not commit")]
    private static partial void LogStoreFailed(ILogger logger, long index, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Critical, Message = "Stopped committing while catching up at block {Height}: the store could not commit")]
    private static partial void LogStoreFailedCatchingUp(ILogger logger, long height, Exception exception);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Debug, Message = "Consensus entry {Index} is block {Height}, which this node already holds from catching up")]
    private static partial void LogAlreadyHeld(ILogger logger, long index, long height);
}
