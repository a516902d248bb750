using System.Net;
using System.Text;

namespace Carechain.Consensus.Tests;

/// <summary>
/// A member restarted after the membership changed comes back with the membership in force, though
/// its configured list is the founding one: each member is restarted alone, so nothing but its own
/// folder can tell it.
/// </summary>
public sealed class MembershipRestartTests
{
    [Fact]
    public async Task Members_restarted_alone_after_a_member_was_added_count_it_and_the_added_one_does_not_ask_again()
    {
        await using var cluster = new RaftTestCluster(size: 4, joiners: 1);
        await cluster.StartAllAsync();
        var leader = cluster.Member(await cluster.WaitForLeaderAsync());
        await leader.ProposeAsync(Encoding.UTF8.GetBytes("before the join"), CancellationToken.None);

        var joiner = cluster.Peers[3].EndPoint;
        await cluster.StartAsync(3, announce: async token =>
        {
            while (!await leader.AddMemberAsync(joiner, token))
                await Task.Delay(100, token);
        });

        // An entry after the change: a member that delivered it has applied the change before it.
        var after = await leader.ProposeAsync(Encoding.UTF8.GetBytes("after the join"), CancellationToken.None);
        foreach (var i in cluster.Running)
            await cluster.Deliveries[i].WaitForIndexAsync(after, RaftTestCluster.Generous);
        foreach (var i in cluster.Running.ToList())
            await cluster.StopAsync(i);

        foreach (var i in new[] { 1, 3 })
        {
            await cluster.StartAsync(i, deliveries: new DeliveryLog(), announce: _ => throw new InvalidOperationException("a member that was added asked to join again"));
            Assert.Equal(cluster.Peers.Select(p => (EndPoint)p.EndPoint).ToHashSet(), await MembershipAsync(cluster.Member(i)));
            await cluster.StopAsync(i);
        }

        // All four together still order entries, and the added member delivers them.
        for (var i = 0; i < 4; i++)
            await cluster.StartAsync(i, lastAppliedIndex: after, new DeliveryLog(), _ => throw new InvalidOperationException("asked to join again"));
        var next = await cluster.Member(await cluster.WaitForLeaderAsync()).ProposeAsync(Encoding.UTF8.GetBytes("after the restart"), CancellationToken.None);
        await cluster.Deliveries[3].WaitForIndexAsync(next, RaftTestCluster.Generous);
    }

    [Fact]
    public async Task A_member_restarted_alone_after_a_member_was_removed_no_longer_counts_it()
    {
        await using var cluster = new RaftTestCluster();
        await cluster.StartAllAsync();
        var leaderIndex = await cluster.WaitForLeaderAsync();
        var leader = cluster.Member(leaderIndex);
        var removed = cluster.Running.First(i => i != leaderIndex);
        var kept = cluster.Running.First(i => i != leaderIndex && i != removed);

        await RemoveAsync(leader, cluster.Peers[removed].EndPoint);
        var after = await leader.ProposeAsync(Encoding.UTF8.GetBytes("after the removal"), CancellationToken.None);
        await cluster.Deliveries[kept].WaitForIndexAsync(after, RaftTestCluster.Generous);
        foreach (var i in cluster.Running.ToList())
            await cluster.StopAsync(i);

        await cluster.StartAsync(kept, deliveries: new DeliveryLog());
        Assert.Equal(
            new[] { leaderIndex, kept }.Select(i => (EndPoint)cluster.Peers[i].EndPoint).ToHashSet(),
            await MembershipAsync(cluster.Member(kept)));
    }

    private static async Task<HashSet<EndPoint>> MembershipAsync(RaftOrdering member) =>
        [.. (await member.MembersAsync(CancellationToken.None)).Select(m => (EndPoint)m.EndPoint)];

    /// <summary>Removes the member, asking again while another membership change is under way.</summary>
    private static async Task RemoveAsync(RaftOrdering leader, IPEndPoint endPoint)
    {
        using var timeout = new CancellationTokenSource(RaftTestCluster.Generous);
        while (!await leader.RemoveMemberAsync(endPoint, timeout.Token))
            await Task.Delay(100, timeout.Token);
    }
}
