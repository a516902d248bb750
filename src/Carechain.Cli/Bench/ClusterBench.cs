using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Carechain.Core.Crypto;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Genesis;
using Carechain.Node;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Carechain.Cli.Bench;

/// <summary>
/// The same anchor load on a consortium of real members in this process: each with its own
/// RocksDB store, Raft over loopback TCP and API on Kestrel. Transactions are admitted at the
/// leader; one counts once the leader has applied the block Raft committed, and the phase ends
/// only when every member holds the same head.
/// </summary>
internal sealed class ClusterBench(BenchSettings settings, int members, Action<string> report)
{
    private readonly AnchorLoad _load = new(settings.Authors, settings.BatchSize);

    public async Task<ClusterFigures> RunAsync(string folder, int transactions, CancellationToken cancellationToken)
    {
        using var elections = new RaftElections();
        var apps = await StartAsync(folder, cancellationToken).ConfigureAwait(false);
        try
        {
            var leader = await LeaderAsync(apps, cancellationToken).ConfigureAwait(false);
            var target = CurrentLeader(apps, leader);
            report($"{members}-member consortium: signing {transactions:N0} transactions");
            var warmUp = _load.Sign(AnchorLoad.WarmUpTransactions);
            var saturating = _load.Sign(transactions);
            report($"{members}-member consortium: warming up with {warmUp.Length:N0} transactions");
            await _load.DriveAsync(leader, target, warmUp, pacePerSecond: 0, onHalf: () => { }).ConfigureAwait(false);
            var warmBlocks = await AgreementAsync(apps, cancellationToken).ConfigureAwait(false);
            report($"{members}-member consortium: ingesting at full speed through the leader");
            var before = elections.Read();
            var cpu = CpuClock.Start();
            var full = await _load.DriveAsync(leader, target, saturating, pacePerSecond: 0, onHalf: () => { }).ConfigureAwait(false);
            var blocks = await AgreementAsync(apps, cancellationToken).ConfigureAwait(false);
            var cpuMsPerTx = cpu.MillisecondsPer(saturating.Length);
            var atFull = (elections.Timeouts - before.Timeouts, elections.Elections - before.Elections);
            report($"{members}-member consortium: {atFull.Item1} election timeouts, {atFull.Item2} elections at full speed");

            var paceRate = full.Rate / 2;
            var pacedCount = (int)Math.Max(1_000, paceRate * settings.LatencyDuration.TotalSeconds);
            report($"{members}-member consortium: commit latency at {paceRate:N0} tx/s (half of peak)");
            before = elections.Read();
            var paced = await _load.DriveAsync(leader, target, _load.Sign(pacedCount), paceRate, onHalf: () => { }).ConfigureAwait(false);
            await AgreementAsync(apps, cancellationToken).ConfigureAwait(false);
            var atHalf = (elections.Timeouts - before.Timeouts, elections.Elections - before.Elections);
            report($"{members}-member consortium: {atHalf.Item1} election timeouts, {atHalf.Item2} elections at half of peak");
            return new ClusterFigures(full, paced, cpuMsPerTx, blocks - warmBlocks, atFull, atHalf);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<List<WebApplication>> StartAsync(string folder, CancellationToken cancellationToken)
    {
        var seeds = Enumerable.Range(0, members).Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
        var publicKeys = seeds.Select(s =>
        {
            using var k = SigningKey.FromSeed(s);
            return k.PublicKey;
        }).ToArray();
        var genesis = new GenesisDocument(
            AnchorLoad.ChainId,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            [.. publicKeys.Select((k, i) => new Organisation(OrganisationId.Parse($"org{i + 1}"), $"Bench organisation {i + 1}", OrganisationKind.Hospital, [k], [k]))],
            new GovernancePolicy((members / 2) + 1, 1000));
        BlockHeader block0;
        using (var first = SigningKey.FromSeed(seeds[0]))
        {
            block0 = genesis.UnsignedGenesisHeader(first.PublicKey).SignWith(first);
        }

        var ports = FreePorts(members * 2);
        var roster = Enumerable.Range(0, members).Select(i => new ConsortiumMember(
            $"node{i + 1}", new Uri($"http://127.0.0.1:{ports[i]}/"), new IPEndPoint(IPAddress.Loopback, ports[members + i]))).ToList();
        var apps = new List<WebApplication>();
        for (var i = 0; i < members; i++)
        {
            var options = new NodeOptions
            {
                DataDirectory = Path.Combine(folder, roster[i].Id),
                Urls = roster[i].ApiUrl.ToString().TrimEnd('/'),
                ChainId = AnchorLoad.ChainId,
                Consortium = new ConsortiumOptions
                {
                    LocalId = roster[i].Id,
                    Members = roster,
                    NodeKey = SigningKey.FromSeed(seeds[i]),
                    Genesis = genesis,
                    GenesisHeader = block0,
                },
            };
            var app = NodeHost.Build(options, logging => logging.SetMinimumLevel(LogLevel.Critical));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            apps.Add(app);
        }

        return apps;
    }

    private static async Task<NodeRuntime> LeaderAsync(List<WebApplication> apps, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var runtimes = apps.Select(a => a.Services.GetRequiredService<NodeRuntime>()).ToList();
        while (true)
        {
            var leaders = runtimes.Where(r => r.Membership!.IsLeader).ToList();
            if (leaders.Count == 1 && runtimes.All(r => r.Membership!.Leader is not null))
            {
                return leaders[0];
            }

            await Task.Delay(20, timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Where the load goes: the member that leads now, or the last one that did during an election
    /// (it hands what it takes to the next leader). Each change of leader is reported.
    /// </summary>
    private Func<NodeRuntime> CurrentLeader(List<WebApplication> apps, NodeRuntime first)
    {
        var runtimes = apps.Select(a => a.Services.GetRequiredService<NodeRuntime>()).ToList();
        var last = first;
        return () =>
        {
            if (runtimes.FirstOrDefault(r => r.Membership!.IsLeader) is { } leader && leader != last)
            {
                report($"{members}-member consortium: leadership moved to {leader.Membership!.Options.LocalId}");
                last = leader;
            }

            return last;
        };
    }

    private static async Task<long> AgreementAsync(List<WebApplication> apps, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var runtimes = apps.Select(a => a.Services.GetRequiredService<NodeRuntime>()).ToList();
        while (true)
        {
            var heads = runtimes.Select(r => r.Chain.Head).ToList();
            if (heads.All(h => h.Hash == heads[0].Hash && h.StateCommitment == heads[0].StateCommitment))
            {
                return heads[0].Height;
            }

            if (runtimes.FirstOrDefault(r => r.Stopped is not null) is { } stopped)
            {
                throw new InvalidOperationException($"a member stopped committing during the bench: {stopped.Stopped!.Value.Detail}");
            }

            await Task.Delay(20, timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Distinct free loopback ports, held open until all are chosen.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
