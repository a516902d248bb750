using System.Text;

namespace Carechain.Consensus.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task An_acknowledged_entry_survives_an_immediate_graceful_restart_of_every_member()
    {
        // dotNext#284: a single committed entry followed at once by shutdown was lost when the log
        // batched its flushes. Here every member stops right after the acknowledgement.
        await using var cluster = new RaftTestCluster();
        await cluster.StartAllAsync();
        var leader = cluster.Member(await cluster.WaitForLeaderAsync());
        var entry = Encoding.UTF8.GetBytes("the only block");
        var index = await leader.ProposeAsync(entry, CancellationToken.None);
        foreach (var i in cluster.Running.ToList())
            await cluster.StopAsync(i);

        for (var i = 0; i < cluster.Peers.Count; i++)
            await cluster.StartAsync(i, lastAppliedIndex: 0, new DeliveryLog());

        foreach (var i in cluster.Running)
        {
            await cluster.Deliveries[i].WaitForIndexAsync(index, RaftTestCluster.Generous);
            var delivered = Assert.Single(cluster.Deliveries[i].Snapshot());
            Assert.Equal(index, delivered.Index);
            Assert.Equal(entry, delivered.Entry);
        }
    }

    [Fact]
    public async Task A_restarted_member_resumes_delivery_after_the_last_applied_index()
    {
        await using var cluster = new RaftTestCluster();
        await cluster.StartAllAsync();
        var leader = cluster.Member(await cluster.WaitForLeaderAsync());
        var indices = new List<long>();
        for (var n = 0; n < 6; n++)
            indices.Add(await leader.ProposeAsync(Encoding.UTF8.GetBytes($"block-{n}"), CancellationToken.None));

        var follower = cluster.Running.First(i => !cluster.Member(i).IsLeader);
        await cluster.Deliveries[follower].WaitForIndexAsync(indices[^1], RaftTestCluster.Generous);
        await cluster.StopAsync(follower);

        // The node stored blocks up to the third entry atomically with its applied index.
        var restarted = new DeliveryLog();
        await cluster.StartAsync(follower, lastAppliedIndex: indices[2], restarted);
        await restarted.WaitForIndexAsync(indices[^1], RaftTestCluster.Generous);

        Assert.Equal(indices.Skip(3), restarted.Snapshot().Select(d => d.Index));
        Assert.Equal(indices[^1], cluster.Member(follower).LastDeliveredIndex);
    }
}
