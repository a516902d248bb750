using System.Buffers;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;

namespace Carechain.Consensus;

/// <summary>
/// The Raft state machine of a <see cref="RaftOrdering"/> member: hands every committed Carechain
/// entry to the subscriber exactly once per process, in log order, skipping entries at or below the
/// caller's last applied index. DotNext's write-ahead log never calls <see cref="ApplyAsync"/>
/// concurrently, which is what makes the order and the once-only guarantee hold.
/// </summary>
internal sealed class CommittedEntryDispatcher(
    Func<long, ReadOnlyMemory<byte>, CancellationToken, ValueTask> subscriber,
    long lastAppliedIndex) : IStateMachine
{
    // Marks log entries proposed through RaftOrdering ("CCB1"); the leader's no-op write barrier
    // and membership entries carry no such id and are never delivered.
    internal const int EntryCommandId = 0x43434231;

    private long lastDeliveredIndex = lastAppliedIndex;
    private Exception? fault;

    /// <summary>The highest index delivered to the subscriber, or the caller's last applied index.</summary>
    public long LastDeliveredIndex => Volatile.Read(ref lastDeliveredIndex);

    /// <summary>The subscriber's exception that stopped delivery on this member, if any.</summary>
    public Exception? Fault => Volatile.Read(ref fault);

    // No snapshots yet: the log keeps every entry. Members already fetch and validate missing blocks
    // from peers (decision 0011); a snapshot of (height, header hash) that triggers that fetch is next.
    ISnapshot? ISnapshotManager.Snapshot => null;

    ValueTask ISnapshotManager.ReclaimGarbageAsync(long watermark, CancellationToken token) => ValueTask.CompletedTask;

    public async ValueTask<long> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        if (entry.Context is ProposalTicket ticket)
            ticket.Index = entry.Index;

        if (entry.CommandId != EntryCommandId || entry.IsSnapshot || entry.Index <= LastDeliveredIndex)
            return entry.Index;

        // The payload points into the log's memory-mapped pages; the subscriber gets its own copy so
        // it may keep the bytes after the call returns.
        var payload = entry.TryGetPayload(out var sequence) ? sequence.ToArray() : [];
        try
        {
            await subscriber(entry.Index, payload, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
        {
            // A committed entry cannot be skipped: rethrowing stops DotNext's applier for good, so
            // this member stops delivering (and its proposals fail) instead of diverging.
            Volatile.Write(ref fault, e);
            throw;
        }

        Volatile.Write(ref lastDeliveredIndex, entry.Index);
        return entry.Index;
    }
}
