using Carechain.Testing;
using System.Net;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Node;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>
/// Real consortium members (RocksDB store, Raft over loopback TCP, REST API on Kestrel) in this
/// process, each in its own folder with fixed ports, so a member can be stopped and restarted on
/// the same store, log and addresses. Keys come from fixed seeds (no keystore, for speed).
/// </summary>
internal sealed class ConsortiumCluster : IAsyncDisposable
{
    public const string ChainId = "carechain-consortium-test";
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private readonly string _root = Directory.CreateTempSubdirectory("carechain-consortium-").FullName;
    private readonly byte[][] _seeds;
    private readonly GenesisDocument _genesis;
    private readonly Ledger.Blocks.BlockHeader _genesisBlock;
    private readonly WebApplication?[] _apps;
    private readonly HttpClient[] _http;

    private readonly FaultyTcpProxy[] _raftProxies = [];

    /// <summary>How many members the genesis names; the others (spares) run node keys governance adds later.</summary>
    private readonly int _founding;

    /// <param name="raftProxies">
    /// Put a <see cref="FaultyTcpProxy"/> in front of every member's Raft port (members bind elsewhere
    /// and are reached through it), so a test can cut and heal links.
    /// </param>
    /// <param name="spares">
    /// Members beyond <paramref name="size"/> whose node keys are not in the genesis: each knows the
    /// founding members and joins the running cluster (<see cref="ConsortiumOptions.JoinsLater"/>) once
    /// governance has added its key.
    /// </param>
    public ConsortiumCluster(int size = 3, bool raftProxies = false, int spares = 0)
    {
        _founding = size;
        _seeds = [.. Enumerable.Range(0, size + spares).Select(i => Enumerable.Repeat((byte)(i + 1), 32).ToArray())];
        var keys = _seeds.Take(size).Select(s => SigningKey.FromSeed(s)).ToArray();
        _genesis = new GenesisDocument(
            ChainId,
            1_767_225_600_000,
            [.. keys.Select((k, i) => new Organisation(OrganisationId.Parse($"org{i + 1}"), $"Org {i + 1}", OrganisationKind.Hospital, [k.PublicKey], [k.PublicKey]))],
            new GovernancePolicy((size / 2) + 1, 1000));
        _genesisBlock = _genesis.UnsignedGenesisHeader(keys[0].PublicKey).SignWith(keys[0]);
        foreach (var key in keys)
        {
            key.Dispose();
        }

        var all = size + spares;
        var ports = LoopbackPorts.Free(all * 3);
        Members = [.. Enumerable.Range(0, all).Select(i => new ConsortiumMember(
            $"node{i + 1}",
            new Uri($"http://127.0.0.1:{ports[i]}/"),
            new IPEndPoint(IPAddress.Loopback, ports[all + i]),
            raftProxies ? new IPEndPoint(IPAddress.Loopback, ports[(2 * all) + i]) : null))];
        if (raftProxies)
        {
            _raftProxies = [.. Members.Select(m => new FaultyTcpProxy(m.RaftEndPoint, m.RaftListenEndPoint!))];
        }

        _apps = new WebApplication?[all];
        _http = [.. Members.Select(m => new HttpClient { BaseAddress = m.ApiUrl, Timeout = TimeSpan.FromSeconds(15) })];
        Clients = [.. _http.Select(h => new CarechainClient(h))];
    }

    public IReadOnlyList<ConsortiumMember> Members { get; }

    public GenesisDocument Genesis => _genesis;

    /// <summary>Member <paramref name="i"/>'s node key, which the genesis also makes its organisation's admin key (the caller disposes it).</summary>
    public SigningKey NodeKey(int i) => SigningKey.FromSeed(_seeds[i]);

    /// <summary>Member <paramref name="i"/>'s RocksDB store folder.</summary>
    public string StorePath(int i) => Path.Combine(_root, Members[i].Id, "ledger");

    public IReadOnlyList<CarechainClient> Clients { get; }

    /// <summary>The proxy in front of member <paramref name="i"/>'s Raft port (only with raftProxies).</summary>
    public FaultyTcpProxy RaftProxy(int i) => _raftProxies[i];

    /// <summary>How member <paramref name="i"/> names itself in Raft requests (what <see cref="FaultyTcpProxy.Refuse"/> looks for).</summary>
    public byte[] RaftIdentity(int i)
    {
        var id = DotNext.Net.Cluster.ClusterMemberId.FromEndPoint(Members[i].RaftEndPoint);
        var bytes = new byte[DotNext.Net.Cluster.ClusterMemberId.Size];
        id.Format(bytes);
        return bytes;
    }

    /// <summary>Cuts member <paramref name="i"/> off from every other member's Raft traffic, both ways.</summary>
    public void Isolate(int i)
    {
        _raftProxies[i].Isolate();
        foreach (var other in Enumerable.Range(0, _raftProxies.Length).Where(o => o != i))
        {
            _raftProxies[other].Refuse(RaftIdentity(i));
        }
    }

    public void HealAll()
    {
        foreach (var proxy in _raftProxies)
        {
            proxy.Heal();
        }
    }

    /// <summary>Deletes a stopped member's store and Raft log, as for a new machine joining with only the configuration.</summary>
    public void Wipe(int i)
    {
        if (_apps[i] is not null)
        {
            throw new InvalidOperationException($"member {i} is running");
        }

        Directory.Delete(Path.Combine(_root, Members[i].Id), recursive: true);
    }

    public IEnumerable<int> Running => Enumerable.Range(0, _apps.Length).Where(i => _apps[i] is not null);

    public NodeRuntime Runtime(int i) => (_apps[i] ?? throw new InvalidOperationException($"member {i} is stopped")).Services.GetRequiredService<NodeRuntime>();

    /// <summary>Starts every founding member (spares join later, one by one).</summary>
    public async Task StartAllAsync() => await Task.WhenAll(Enumerable.Range(0, _founding).Select(i => StartAsync(i)));

    /// <param name="peerApis">Replaces, for this member only, other members' API URLs (a misbehaving peer in front of one).</param>
    public async Task StartAsync(int i, IReadOnlyDictionary<int, Uri>? peerApis = null)
    {
        var joins = i >= _founding;
        var members = Members.Select((m, k) => peerApis is not null && peerApis.TryGetValue(k, out var url) ? m with { ApiUrl = url } : m)
            .Where((_, k) => k < _founding || k == i).ToList();
        var options = new NodeOptions
        {
            DataDirectory = Path.Combine(_root, Members[i].Id),
            Urls = Members[i].ApiUrl.ToString().TrimEnd('/'),
            ChainId = ChainId,
            Consortium = new ConsortiumOptions
            {
                LocalId = Members[i].Id,
                Members = members,
                JoinsLater = joins,
                NodeKey = SigningKey.FromSeed(_seeds[i]),
                Genesis = _genesis,
                GenesisHeader = _genesisBlock,
                LowerElectionTimeout = TimeSpan.FromMilliseconds(300),
                UpperElectionTimeout = TimeSpan.FromMilliseconds(600),
                RequestTimeout = TimeSpan.FromMilliseconds(500),
                ForwardTimeout = TimeSpan.FromSeconds(5),
            },
        };
        var app = NodeHost.Build(options, logging => logging.SetMinimumLevel(LogLevel.Critical));
        await app.StartAsync();
        _apps[i] = app;
    }

    public async Task StopAsync(int i)
    {
        if (_apps[i] is { } app)
        {
            _apps[i] = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Waits until exactly one running member leads and every running member knows it, and returns it.</summary>
    public async Task<int> WaitForLeaderAsync()
    {
        using var cts = new CancellationTokenSource(Generous);
        while (true)
        {
            var leaders = Running.Where(i => Runtime(i).Membership!.IsLeader).ToList();
            if (leaders.Count == 1 && Running.All(i => Runtime(i).Membership!.Leader?.Id == Members[leaders[0]].Id))
            {
                return leaders[0];
            }

            await Task.Delay(20, cts.Token);
        }
    }

    /// <summary>Waits until every running member has the same head (height, hash, state commitment), and returns it.</summary>
    public async Task<Ledger.Blocks.BlockHeader> WaitForAgreementAsync(long minHeight = 0)
    {
        using var cts = new CancellationTokenSource(Generous);
        while (true)
        {
            var heads = Running.Select(i => Runtime(i).Chain.Head).ToList();
            if (heads.All(h => h.Hash == heads[0].Hash && h.StateCommitment == heads[0].StateCommitment) && heads[0].Height >= minHeight)
            {
                return heads[0];
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException("members disagree: " + string.Join("; ", Running.Select(i =>
                    $"{Members[i].Id} height {Runtime(i).Chain.Head.Height} leads {Runtime(i).Membership!.IsLeader} stopped {Runtime(i).Stopped}")));
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, _apps.Length).Select(StopAsync));
        foreach (var proxy in _raftProxies)
        {
            await proxy.DisposeAsync();
        }
        foreach (var http in _http)
        {
            http.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }
}
