using Carechain.Consensus;
using Carechain.Ledger.Replication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Carechain.Node.Hosting;

/// <summary>
/// Runs a consortium member for the lifetime of the host: joins Raft (resuming after the last
/// entry the store holds, or asking to be added when governance added this node's key), hands every
/// committed entry to the replicated ledger, produces blocks while this node leads, and as leader
/// removes from Raft the members whose node keys governance removed. A node that diverged leaves the cluster, so that a healthy
/// leader can take over, and keeps serving reads with its health saying why.
/// </summary>
internal sealed partial class ConsortiumService(NodeRuntime runtime, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    /// <summary>How long a stopping member tries to hand its pending transactions to the next leader.</summary>
    private static readonly TimeSpan StopHandoverTimeout = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan StopHandoverPause = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the leader compares the Raft members with the node keys in force.</summary>
    private static readonly TimeSpan MembershipCheckInterval = TimeSpan.FromMilliseconds(500);

    private readonly ILogger _logger = loggers.CreateLogger<ConsortiumService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var membership = runtime.Membership!;
        var options = membership.Options;
        var raftOptions = new RaftOrderingOptions
        {
            LocalId = options.LocalId,
            Members = [.. options.Members.Select(m => new RaftPeer(m.Id, m.RaftEndPoint))],
            LocalListenEndPoint = options.Local.RaftListenEndPoint,
            LogDirectory = Path.Combine(runtime.DataDirectory, "raft"),
            LastAppliedIndex = runtime.Store.ReadOrderingIndex(),
            LowerElectionTimeout = options.LowerElectionTimeout,
            UpperElectionTimeout = options.UpperElectionTimeout,
            RequestTimeout = options.RequestTimeout,
            Metadata = new Dictionary<string, string>
            {
                [ConsortiumMembership.ApiMetadata] = options.Local.ApiUrl.ToString(),
                [ConsortiumMembership.KeyMetadata] = runtime.Chain.NodeKey.ToString(),
            },
            JoinsLater = options.JoinsLater,
            Announce = options.JoinsLater
                ? new MemberJoinAnnouncer(membership, runtime.Chain.ChainId, runtime.NodeKey, time, loggers.CreateLogger<MemberJoinAnnouncer>()).AnnounceAsync
                : null,
        };

        // Catching up and starting Raft may take a while, so they run off the host's start-up path.
        await Task.Yield();

        // A member that was down, or is new, first fetches what its peers hold and validates every
        // block (decision 0011); Raft then replays and delivers only what is left. Entries for blocks
        // fetched this way are stale when Raft delivers them.
        var catchUp = runtime.CatchUp!;
        var fetched = await catchUp.CatchUpAsync(stoppingToken).ConfigureAwait(false);
        if (fetched > 0)
        {
            LogCaughtUp(_logger, options.LocalId, fetched, runtime.Chain.Head.Height);
        }

        var raft = await RaftOrdering.StartAsync(raftOptions, membership.Ledger.OnDeliveredAsync, loggers, stoppingToken).ConfigureAwait(false);
        try
        {
            membership.Attach(raft);
            var producer = new ReplicatedBlockProducer(
                runtime.Chain, runtime.Mempool, membership.Ledger, new RaftBlockOrdering(raft), new LeaderHandoff(membership), runtime.ProducerOptions, time,
                loggers.CreateLogger<ReplicatedBlockProducer>());
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var production = producer.RunAsync(stop.Token);
            var certification = runtime.Certifier!.RunAsync(membership.PeerClients(), stop.Token);
            var catchingUp = CatchUpWhileFollowingAsync(catchUp, raft, options.CatchUpInterval, stop.Token);
            var reconciling = new MembershipReconciler(runtime.Chain, raft, time, loggers.CreateLogger<MembershipReconciler>())
                .RunAsync(MembershipCheckInterval, stop.Token);
            await Task.WhenAny(production, membership.Ledger.Halted).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await production.ConfigureAwait(false);
            await certification.ConfigureAwait(false);
            await catchingUp.ConfigureAwait(false);
            await reconciling.ConfigureAwait(false);
            if (membership.Ledger.Halted.IsCompleted)
            {
                LogLeaving(_logger, options.LocalId);
            }
            else
            {
                await HandOverBeforeStoppingAsync(membership, producer).ConfigureAwait(false);
            }
        }
        finally
        {
            membership.Attach(null);
            await raft.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A member that stops while it leads, or holds pending transactions, gives up leadership and hands
    /// them to the next leader, so a clean restart loses nothing a client was told is pending. Bounded
    /// by <see cref="StopHandoverTimeout"/>: what is left then is lost with the process, as on a crash.
    /// </summary>
    private async Task HandOverBeforeStoppingAsync(ConsortiumMembership membership, ReplicatedBlockProducer producer)
    {
        using var timeout = new CancellationTokenSource(StopHandoverTimeout, time);
        try
        {
            while (membership.IsLeader || runtime.Mempool.Count > 0)
            {
                // Stepping down again if this member was elected once more meanwhile.
                await membership.StepDownAsync(timeout.Token).ConfigureAwait(false);
                if (!await producer.HandOffAsync(timeout.Token).ConfigureAwait(false) && !membership.IsLeader)
                {
                    return;
                }

                await Task.Delay(StopHandoverPause, time, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LogPendingLost(_logger, membership.Options.LocalId, runtime.Mempool.Count);
        }
    }

    /// <summary>
    /// A follower that fell behind by more than Raft will replay soon (a long outage, or a log that
    /// no longer holds the entries) fetches the missing blocks from its peers.
    /// </summary>
    private async Task CatchUpWhileFollowingAsync(BlockCatchUp catchUp, RaftOrdering raft, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
                if (!raft.IsLeader)
                {
                    await catchUp.CatchUpAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The member stops.
        }
    }

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Member {Id} stops with {Count} pending transactions no leader took in time; they are lost")]
    private static partial void LogPendingLost(ILogger logger, string id, int count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Member {Id} fetched and validated {Count} blocks from its peers before joining Raft; head {Height}")]
    private static partial void LogCaughtUp(ILogger logger, string id, int count, long height);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Critical, Message = "Member {Id} stopped committing and leaves the Raft cluster; it keeps serving what it holds")]
    private static partial void LogLeaving(ILogger logger, string id);
}
