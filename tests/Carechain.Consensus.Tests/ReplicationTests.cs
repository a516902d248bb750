using System.Text;

namespace Carechain.Consensus.Tests;

public sealed class ReplicationTests
{
    [Fact]
    public async Task Three_members_elect_one_leader_that_all_agree_on()
    {
        await using var cluster = new RaftTestCluster();
        await cluster.StartAllAsync();

        var leader = await cluster.WaitForLeaderAsync();

        foreach (var i in cluster.Running)
        {
            var known = await cluster.Member(i).WaitForLeaderAsync(CancellationToken.None).WaitAsync(RaftTestCluster.Generous);
            Assert.Equal(cluster.Peers[leader], known);
        }
    }

    [Fact]
    public async Task Proposals_commit_and_every_member_delivers_the_same_entries_in_the_same_order()
    {
        await using var cluster = new RaftTestCluster();
        await cluster.StartAllAsync();
        var leader = cluster.Member(await cluster.WaitForLeaderAsync());

        var acknowledged = new List<(long Index, byte[] Entry)>();
        for (var n = 0; n < 20; n++)
        {
            // An empty entry is a valid payload and must be delivered like any other.
            var entry = n == 0 ? [] : Encoding.UTF8.GetBytes($"block-{n}");
            acknowledged.Add((await leader.ProposeAsync(entry, CancellationToken.None), entry));
        }

        // Concurrent proposals are ordered too; their relative order is whatever Raft chose.
        var batch = Enumerable.Range(20, 10).Select(n => Encoding.UTF8.GetBytes($"block-{n}")).ToArray();
        var indices = await Task.WhenAll(batch.Select(e => leader.ProposeAsync(e, CancellationToken.None)));
        acknowledged.AddRange(indices.Zip(batch));
        acknowledged.Sort((a, b) => a.Index.CompareTo(b.Index));

        Assert.Equal(acknowledged.Count, acknowledged.Select(a => a.Index).Distinct().Count());
        Assert.Equal(acknowledged[^1].Index, leader.LastDeliveredIndex);
        foreach (var i in cluster.Running)
        {
            await cluster.Deliveries[i].WaitForIndexAsync(acknowledged[^1].Index, RaftTestCluster.Generous);
            var delivered = cluster.Deliveries[i].Snapshot();
            Assert.Equal(acknowledged.Select(a => a.Index), delivered.Select(d => d.Index));
            Assert.Equal(acknowledged.Select(a => a.Entry), delivered.Select(d => d.Entry));
        }
    }

    [Fact]
    public async Task A_follower_refuses_a_proposal_and_names_the_leader()
    {
        await using var cluster = new RaftTestCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var follower = cluster.Running.First(i => i != leader);
        await cluster.Member(follower).WaitForLeaderAsync(CancellationToken.None).WaitAsync(RaftTestCluster.Generous);

        var error = await Assert.ThrowsAsync<NotLeaderException>(
            () => cluster.Member(follower).ProposeAsync(new byte[] { 1 }, CancellationToken.None));

        Assert.False(cluster.Member(follower).IsLeader);
        Assert.False(error.MayStillCommit);
        Assert.Equal(cluster.Peers[leader].Id, error.LeaderId);
        Assert.Equal(cluster.Peers[leader].EndPoint, error.LeaderEndPoint);
        Assert.Contains("not the leader", error.Message, StringComparison.Ordinal);
        Assert.Contains(cluster.Peers[leader].EndPoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Deliveries[follower].Snapshot());
    }
}
