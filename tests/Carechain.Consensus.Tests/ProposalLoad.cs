using System.Text;

namespace Carechain.Consensus.Tests;

/// <summary>
/// Proposes a steady stream of distinct entries to whichever member currently leads, like a node
/// forwarding transactions, and records every acknowledged (index, entry).
/// </summary>
public sealed class ProposalLoad : IAsyncDisposable
{
    private readonly RaftTestCluster cluster;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<(long Index, byte[] Entry)> acknowledged = [];
    private readonly Task loop;

    public ProposalLoad(RaftTestCluster cluster)
    {
        this.cluster = cluster;
        loop = Task.Run(RunAsync);
    }

    public int Count
    {
        get
        {
            lock (gate)
                return acknowledged.Count;
        }
    }

    public IReadOnlyList<(long Index, byte[] Entry)> Acknowledged
    {
        get
        {
            lock (gate)
                return [.. acknowledged];
        }
    }

    public async Task WaitForCountAsync(int count)
    {
        using var cts = new CancellationTokenSource(RaftTestCluster.Generous);
        while (Count < count)
            await Task.Delay(20, cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task RunAsync()
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var leader = FindLeader();
            if (leader is null)
            {
                await Task.Delay(10, CancellationToken.None);
                continue;
            }

            var entry = Encoding.UTF8.GetBytes($"tx-{n}");
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                var index = await leader.ProposeAsync(entry, attempt.Token);
                lock (gate)
                    acknowledged.Add((index, entry));
            }
            catch (InvalidOperationException)
            {
                // Not (or no longer) the leader, or the member was stopped under us: not acknowledged.
            }
            catch (OperationCanceledException)
            {
                // The attempt timed out during the election: not acknowledged either.
            }
        }
    }

    private RaftOrdering? FindLeader()
    {
        foreach (var i in cluster.Running)
        {
            try
            {
                var member = cluster.Member(i);
                if (member.IsLeader)
                    return member;
            }
            catch (InvalidOperationException)
            {
                // Stopped between the listing and the lookup.
            }
        }

        return null;
    }
}
