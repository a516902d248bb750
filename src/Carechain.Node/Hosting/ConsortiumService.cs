using Carechain.Consensus;
using Carechain.Ledger.Replication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Carechain.Node.Hosting;

/// <summary>
/// Runs a consortium member for the lifetime of the host: joins Raft (resuming after the last
/// entry the store holds), hands every committed entry to the replicated ledger, and produces
/// blocks while this node leads. A node that diverged leaves the cluster, so that a healthy
/// leader can take over, and keeps serving reads with its health saying why.
/// </summary>
internal sealed partial class ConsortiumService(NodeRuntime runtime, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<ConsortiumService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var membership = runtime.Membership!;
        var options = membership.Options;
        var raftOptions = new RaftOrderingOptions
        {
            LocalId = options.LocalId,
            Members = [.. options.Members.Select(m => new RaftPeer(m.Id, m.RaftEndPoint))],
            LogDirectory = Path.Combine(runtime.DataDirectory, "raft"),
            LastAppliedIndex = runtime.Store.ReadOrderingIndex(),
            LowerElectionTimeout = options.LowerElectionTimeout,
            UpperElectionTimeout = options.UpperElectionTimeout,
            RequestTimeout = options.RequestTimeout,
        };

        // Starting replays the committed log above the stored index; that is the catch-up of a
        // restarted member, and may take a while, so it runs off the host's start-up path.
        await Task.Yield();
        var raft = await RaftOrdering.StartAsync(raftOptions, membership.Ledger.OnDeliveredAsync, loggers, stoppingToken).ConfigureAwait(false);
        try
        {
            membership.Attach(raft);
            var producer = new ReplicatedBlockProducer(
                runtime.Chain, runtime.Mempool, membership.Ledger, new RaftBlockOrdering(raft), runtime.ProducerOptions, time,
                loggers.CreateLogger<ReplicatedBlockProducer>());
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var production = producer.RunAsync(stop.Token);
            var certification = runtime.Certifier!.RunAsync(membership.PeerClients(), stop.Token);
            await Task.WhenAny(production, membership.Ledger.Halted).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await production.ConfigureAwait(false);
            await certification.ConfigureAwait(false);
            if (membership.Ledger.Halted.IsCompleted)
            {
                LogLeaving(_logger, options.LocalId);
            }
        }
        finally
        {
            membership.Attach(null);
            await raft.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Critical, Message = "Member {Id} stopped committing and leaves the Raft cluster; it keeps serving what it holds")]
    private static partial void LogLeaving(ILogger logger, string id);
}
