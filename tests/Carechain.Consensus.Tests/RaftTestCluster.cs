using Carechain.Testing;
using System.Net;

namespace Carechain.Consensus.Tests;

/// <summary>
/// Three (or more) real DotNext Raft members in this process on loopback TCP, each with its own
/// temporary log folder and <see cref="DeliveryLog"/>. Members can be stopped and restarted on
/// the same folder and port. The last <c>joiners</c> peers are not in the founding membership: they
/// start with <see cref="RaftOrderingOptions.JoinsLater"/>, knowing every peer, as an added node does.
/// </summary>
public sealed class RaftTestCluster : IAsyncDisposable
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private readonly string root = Directory.CreateTempSubdirectory("carechain-raft-").FullName;
    private readonly RaftOrdering?[] members;
    private readonly int founders;

    public RaftTestCluster(int size = 3, int joiners = 0)
    {
        founders = size - joiners;
        Peers = [.. LoopbackPorts.Free(size).Select((port, i) => new RaftPeer($"node{i}", new IPEndPoint(IPAddress.Loopback, port)))];
        members = new RaftOrdering?[size];
        Deliveries = [.. Enumerable.Range(0, size).Select(_ => new DeliveryLog())];
    }

    public IReadOnlyList<RaftPeer> Peers { get; }

    public DeliveryLog[] Deliveries { get; }

    public RaftOrdering Member(int i) => members[i] ?? throw new InvalidOperationException($"member {i} is stopped");

    public IEnumerable<int> Running => Enumerable.Range(0, members.Length).Where(i => members[i] is not null);

    /// <summary>Starts every founding member.</summary>
    public async Task StartAllAsync()
        => await Task.WhenAll(Enumerable.Range(0, founders).Select(i => StartAsync(i)));

    /// <summary>
    /// Starts member <paramref name="i"/>; a restart gets a fresh delivery log. A joiner calls
    /// <paramref name="announce"/> to be added, as DotNext's announcer, while it is not a member.
    /// </summary>
    public async Task StartAsync(int i, long lastAppliedIndex = 0, DeliveryLog? deliveries = null, Func<CancellationToken, Task>? announce = null)
    {
        Deliveries[i] = deliveries ?? Deliveries[i];
        var joins = i >= founders;
        var options = new RaftOrderingOptions
        {
            LocalId = Peers[i].Id,
            Members = joins ? Peers : Peers.Take(founders).ToList(),
            JoinsLater = joins,
            Announce = announce,
            LogDirectory = Path.Combine(root, Peers[i].Id),
            LastAppliedIndex = lastAppliedIndex,
            LowerElectionTimeout = TimeSpan.FromMilliseconds(200),
            UpperElectionTimeout = TimeSpan.FromMilliseconds(400),
            RequestTimeout = TimeSpan.FromMilliseconds(400),
        };
        members[i] = await RaftOrdering.StartAsync(options, Deliveries[i].RecordAsync);
    }

    public async Task StopAsync(int i)
    {
        if (members[i] is { } member)
        {
            members[i] = null;
            await member.DisposeAsync();
        }
    }

    /// <summary>Waits until exactly one running member reports itself leader, and returns it.</summary>
    public async Task<int> WaitForLeaderAsync()
    {
        using var cts = new CancellationTokenSource(Generous);
        while (true)
        {
            var leaders = Running.Where(i => Member(i).IsLeader).ToList();
            if (leaders.Count == 1)
                return leaders[0];
            await Task.Delay(20, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, members.Length).Select(StopAsync));
        Directory.Delete(root, recursive: true);
    }
}
