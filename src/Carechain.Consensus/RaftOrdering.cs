using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;
using RaftNotLeaderException = DotNext.Net.Cluster.Consensus.Raft.NotLeaderException;

namespace Carechain.Consensus;

/// <summary>
/// Orders opaque entries (the node puts one encoded block in each) with DotNext Raft over TCP.
/// Guarantees: <see cref="ProposeAsync"/> completes only after the entry is committed, fsynced by
/// the leader, and fsynced by a quorum of members; every member hands each committed entry to its
/// subscriber exactly once per process lifetime, in log order; after a restart delivery resumes
/// after the caller's <see cref="RaftOrderingOptions.LastAppliedIndex"/>.
/// </summary>
public sealed class RaftOrdering : IAsyncDisposable
{
    private readonly RaftOrderingOptions options;
    private readonly WriteAheadLog log;
    private readonly RaftCluster cluster;
    private readonly RaftMembershipFile membership;
    private readonly CommittedEntryDispatcher dispatcher;

    /// <summary>Members added at run time (not in the configured list), by endpoint, as they describe themselves.</summary>
    private readonly ConcurrentDictionary<EndPoint, (RaftPeer Peer, IReadOnlyDictionary<string, string> Metadata)> learned = new();
    private int disposed;

    /// <summary>The metadata entry that carries a member's id.</summary>
    public const string IdMetadata = "carechain.id";

    private RaftOrdering(RaftOrderingOptions options, WriteAheadLog log, RaftCluster cluster, RaftMembershipFile membership, CommittedEntryDispatcher dispatcher)
    {
        this.options = options;
        this.log = log;
        this.cluster = cluster;
        this.membership = membership;
        this.dispatcher = dispatcher;
        cluster.LeaderChanged += (sender, leader) =>
        {
            if (leader is { IsRemote: true, EndPoint: IPEndPoint endPoint } && FindPeer(endPoint) is null)
                _ = LearnAsync(leader);
        };
    }

    /// <summary>
    /// Opens the member's log, replays committed entries above the last applied index to
    /// <paramref name="onCommitted"/>, and joins the cluster. The subscriber is never called
    /// concurrently; an exception from it stops delivery on this member for good (a committed
    /// entry cannot be skipped), and later proposals here fail.
    /// </summary>
    public static async Task<RaftOrdering> StartAsync(
        RaftOrderingOptions options,
        Func<long, ReadOnlyMemory<byte>, CancellationToken, ValueTask> onCommitted,
        ILoggerFactory? loggerFactory = null,
        CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onCommitted);
        options.Validate();

        var dispatcher = new CommittedEntryDispatcher(onCommitted, options.LastAppliedIndex);
        var (membership, members) = await RaftNodeFactory.OpenMembershipAsync(options, token).ConfigureAwait(false);
        var log = RaftNodeFactory.CreateLog(options, dispatcher, membership);
        var cluster = RaftNodeFactory.CreateCluster(options, log, membership, members.Contains(options.Local.EndPoint), loggerFactory);
        ThreadPoolReserve.ReserveForMember();
        try
        {
            // StartAsync loads the membership file, then initialises the log, which replays every
            // committed entry to the dispatcher (and membership changes to the file, which ignores
            // those it already holds). A joining member's announcer returns once the leader has added it.
            await cluster.StartAsync(token).ConfigureAwait(false);
        }
        catch
        {
            ThreadPoolReserve.ReleaseForMember();
            await cluster.DisposeAsync().ConfigureAwait(false);
            membership.Dispose();
            await log.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new RaftOrdering(options, log, cluster, membership, dispatcher);
    }

    /// <summary>The id of this member.</summary>
    public string LocalId => options.LocalId;

    /// <summary>
    /// True while this member is the leader and has committed its first entry of the term, i.e.
    /// while <see cref="ProposeAsync"/> can succeed here.
    /// </summary>
    public bool IsLeader
    {
        get
        {
            if (Volatile.Read(ref disposed) != 0)
                return false;
            try
            {
                return !cluster.LeadershipToken.IsCancellationRequested;
            }
            catch (UnreachableException)
            {
                // DotNext's node failed internally (its "zombie" state); a failed node leads nothing.
                return false;
            }
        }
    }

    /// <summary>
    /// True while DotNext keeps this member in standby: it replicates but never stands for election
    /// (a joining member before the configuration naming it is applied, or a removed one).
    /// </summary>
    public bool IsStandby => cluster.Standby;

    /// <summary>The leader this member currently knows of, or null during an election (or while a leader added at run time is still being asked who it is).</summary>
    public RaftPeer? Leader => cluster.Leader is { EndPoint: IPEndPoint endPoint } ? FindPeer(endPoint) : null;

    /// <summary>The metadata of a leader added at run time (configured members need none); null otherwise.</summary>
    public IReadOnlyDictionary<string, string>? LeaderMetadata =>
        cluster.Leader is { EndPoint: IPEndPoint endPoint } && learned.TryGetValue(endPoint, out var entry) ? entry.Metadata : null;

    /// <summary>The Raft endpoint of <see cref="Leader"/>, or null during an election.</summary>
    public IPEndPoint? LeaderEndPoint => Leader?.EndPoint;

    /// <summary>The highest log index delivered to the subscriber (or the starting last applied index).</summary>
    public long LastDeliveredIndex => dispatcher.LastDeliveredIndex;

    /// <summary>Waits until this member knows a leader and returns it.</summary>
    public async Task<RaftPeer> WaitForLeaderAsync(CancellationToken token)
    {
        var member = await cluster.WaitForLeaderAsync(Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
        return member.EndPoint is IPEndPoint endPoint && FindPeer(endPoint) is { } peer
            ? peer
            : throw new InvalidOperationException($"the leader at {member.EndPoint} is not in the configured membership");
    }

    /// <summary>
    /// Appends <paramref name="entry"/> as the leader and returns its log index once it is committed
    /// and durable on a quorum. By then this member's subscriber has already received it.
    /// Throws <see cref="NotLeaderException"/> on a follower (naming the leader when known) or when
    /// leadership is lost mid-way; cancellation after the append leaves the outcome unknown too.
    /// </summary>
    public async Task<long> ProposeAsync(ReadOnlyMemory<byte> entry, CancellationToken token)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (dispatcher.Fault is { } fault)
            throw new InvalidOperationException($"member '{LocalId}' stopped delivering committed entries", fault);
        if (!IsLeader)
            throw new NotLeaderException(LocalId, Leader, mayStillCommit: false);

        var ticket = new ProposalTicket();
        var logEntry = new BinaryLogEntry
        {
            Content = entry,
            Term = cluster.Term,
            CommandId = CommittedEntryDispatcher.EntryCommandId,
            Context = ticket,
        };

        try
        {
            // Returns once the entry is committed and applied here; the leader's WAL has fsynced it
            // because DotNext flushes before it advances the commit index.
            await cluster.ReplicateAsync(logEntry, token).ConfigureAwait(false);

            // Followers acknowledge an append before their flusher has fsynced it; they fsync up to
            // the leader's commit index before answering the next AppendEntries. Waiting for one
            // more replication round with a quorum makes the entry durable on a quorum, not only
            // replicated to it. The round ends without consensus only by this member stepping down,
            // which DotNext reports as NotLeaderException.
            await cluster.ForceReplicationAsync(token).ConfigureAwait(false);
        }
        catch (RaftNotLeaderException e)
        {
            throw new NotLeaderException(LocalId, Leader, mayStillCommit: true, e);
        }

        return ticket.Index;
    }

    /// <summary>
    /// Gives up leadership so that another member is elected (before this member stops, or to move
    /// the load). False when this member did not lead. Proposals in flight here fail with
    /// <see cref="NotLeaderException"/>; entries already appended may still be committed by the next leader.
    /// </summary>
    public async Task<bool> ResignAsync(CancellationToken token)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return IsLeader && await ((DotNext.Net.Cluster.ICluster)cluster).ResignAsync(token).ConfigureAwait(false);
    }

    /// <summary>
    /// As the leader, adds the member at <paramref name="endPoint"/> to the cluster: DotNext first
    /// catches it up from the log, then commits the new configuration, so quorums count it from then
    /// on. True once added; false when it already is a member, could not be caught up, or another
    /// membership change is under way.
    /// Throws <see cref="NotLeaderException"/> when this member does not lead (or stops leading).
    /// </summary>
    public Task<bool> AddMemberAsync(IPEndPoint endPoint, CancellationToken token) =>
        ChangeMembershipAsync(endPoint, cluster.AddMemberAsync, token);

    /// <summary>
    /// As the leader, removes the member at <paramref name="endPoint"/> from the cluster: quorums no
    /// longer count it once the new configuration is committed. False when it is not a member or
    /// another membership change is under way.
    /// Throws <see cref="NotLeaderException"/> when this member does not lead (or stops leading).
    /// </summary>
    public Task<bool> RemoveMemberAsync(IPEndPoint endPoint, CancellationToken token) =>
        ChangeMembershipAsync(endPoint, cluster.RemoveMemberAsync, token);

    private async Task<bool> ChangeMembershipAsync(IPEndPoint endPoint, Func<IPEndPoint, CancellationToken, Task<bool>> change, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        try
        {
            return await change(endPoint, token).ConfigureAwait(false);
        }
        catch (RaftCluster<RaftClusterMember>.ConcurrentMembershipModificationException)
        {
            // DotNext changes membership one step at a time; the caller asks again.
            return false;
        }
        catch (RaftNotLeaderException e)
        {
            throw new NotLeaderException(LocalId, Leader, mayStillCommit: false, e);
        }
    }

    /// <summary>The members of the cluster's current configuration, this one included, each with the metadata it publishes (empty for one that cannot be reached now).</summary>
    public async Task<IReadOnlyList<(IPEndPoint EndPoint, IReadOnlyDictionary<string, string> Metadata)>> MembersAsync(CancellationToken token)
    {
        var members = new List<(IPEndPoint, IReadOnlyDictionary<string, string>)>();
        foreach (var member in cluster.Members)
        {
            if (member.EndPoint is not IPEndPoint endPoint)
                continue;
            IReadOnlyDictionary<string, string> metadata;
            try
            {
                metadata = await member.GetMetadataAsync(refresh: false, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                metadata = new Dictionary<string, string>();
            }

            members.Add((endPoint, metadata));
        }

        return members;
    }

    /// <summary>Leaves the cluster and closes the log; the log is flushed before it closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
            return;
        try
        {
            await cluster.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            ThreadPoolReserve.ReleaseForMember();
            await cluster.DisposeAsync().ConfigureAwait(false);
            membership.Dispose();
            await log.DisposeAsync().ConfigureAwait(false);
        }
    }

    private RaftPeer? FindPeer(IPEndPoint endPoint) =>
        options.Members.FirstOrDefault(m => m.EndPoint.Equals(endPoint)) ?? (learned.TryGetValue(endPoint, out var entry) ? entry.Peer : null);

    /// <summary>Asks a leader that is not in the configured list who it is (its id travels in its metadata).</summary>
    private async Task LearnAsync(RaftClusterMember leader)
    {
        try
        {
            var metadata = await ((DotNext.Net.Cluster.IClusterMember)leader).GetMetadataAsync(refresh: true, CancellationToken.None).ConfigureAwait(false);
            if (metadata.TryGetValue(IdMetadata, out var id) && !string.IsNullOrWhiteSpace(id))
                learned[leader.EndPoint] = (new RaftPeer(id, (IPEndPoint)leader.EndPoint), metadata);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Unreachable for now: the next leader change asks again, and until then no leader is known here.
        }
    }
}
