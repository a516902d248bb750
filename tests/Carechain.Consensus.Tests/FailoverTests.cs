using System.Diagnostics;
using Xunit.Abstractions;

namespace Carechain.Consensus.Tests;

public sealed class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stopping_the_leader_under_load_loses_no_acknowledged_entry_and_the_old_leader_catches_up()
    {
        await using var cluster = new RaftTestCluster();
        await cluster.StartAllAsync();
        var oldLeader = await cluster.WaitForLeaderAsync();

        var load = new ProposalLoad(cluster);
        await load.WaitForCountAsync(10);

        await cluster.StopAsync(oldLeader);
        var stopped = Stopwatch.StartNew();
        var deliveredBeforeStop = cluster.Deliveries[oldLeader].Snapshot();
        var ackedBeforeStop = load.Count;

        var newLeader = await cluster.WaitForLeaderAsync();
        output.WriteLine($"new leader {cluster.Peers[newLeader].Id} after {stopped.ElapsedMilliseconds} ms");
        Assert.NotEqual(oldLeader, newLeader);
        await load.WaitForCountAsync(ackedBeforeStop + 10);
        await load.DisposeAsync();

        var acknowledged = load.Acknowledged;
        var survivors = cluster.Running.ToList();
        var last = survivors.Max(i => cluster.Deliveries[i].LastIndex);
        foreach (var i in survivors)
            await cluster.Deliveries[i].WaitForIndexAsync(last, RaftTestCluster.Generous);

        var sequence = cluster.Deliveries[survivors[0]].Snapshot();
        Assert.Equal(sequence, cluster.Deliveries[survivors[1]].Snapshot(), SameDelivery.Instance);
        var byIndex = sequence.ToDictionary(d => d.Index, d => d.Entry);
        foreach (var (index, entry) in acknowledged)
            Assert.True(byIndex.TryGetValue(index, out var delivered) && delivered.SequenceEqual(entry), $"acknowledged index {index} lost");

        // The old leader's node kept everything it applied before the stop; it resumes after it.
        var resumed = new DeliveryLog();
        await cluster.StartAsync(oldLeader, deliveredBeforeStop.Count == 0 ? 0 : deliveredBeforeStop[^1].Index, resumed);
        await resumed.WaitForIndexAsync(last, RaftTestCluster.Generous);
        Assert.Equal(sequence, [.. deliveredBeforeStop, .. resumed.Snapshot()], SameDelivery.Instance);
        output.WriteLine($"{acknowledged.Count} acknowledged, {sequence.Count} delivered, last index {last}");
    }
}
