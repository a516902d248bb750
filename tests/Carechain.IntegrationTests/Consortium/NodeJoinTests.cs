using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;
using Carechain.Node.Hosting;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>
/// A node key added by governance runs a member of the running consortium: it catches up, joins Raft
/// and commits with the others; a node key governance removes leaves Raft, and quorums follow.
/// Real members (RocksDB, Raft over loopback TCP, Kestrel) in this process.
/// </summary>
public sealed class NodeJoinTests
{
    [Fact]
    public async Task A_member_whose_key_governance_added_joins_and_commits_and_a_removed_member_leaves_the_quorum()
    {
        await using var cluster = new ConsortiumCluster(size: 3, spares: 1);
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync();
        using var admin1 = cluster.NodeKey(0);
        using var admin2 = cluster.NodeKey(1);
        using var removedKey = cluster.NodeKey(2);
        using var addedKey = cluster.NodeKey(3);
        using var author = SigningKey.Generate();
        var nonce = 0UL;
        var first = cluster.Clients[0];
        await first.SubmitTransactionAsync(TestChain.Anchor(author, ++nonce, "before", ConsortiumCluster.ChainId), waitForCommit: true, ConsortiumCluster.Generous);

        // The fourth member's key is not in force yet: members refuse its join, as they refuse one it did not sign.
        var join = MemberJoin.Sign(ConsortiumCluster.ChainId, cluster.Members[3], addedKey).ToDto();
        var early = await Assert.ThrowsAsync<CarechainApiException>(() => first.JoinAsync(join));
        Assert.Equal("join_refused", early.Code);
        await AdoptAsync(first, admin1, admin2, new AddNodeKeyAction(OrganisationId.Parse("org1"), addedKey.PublicKey));
        Assert.Equal((4, 3), await NodeKeysAndQuorumAsync(cluster, 0));
        var forged = await Assert.ThrowsAsync<CarechainApiException>(() => first.JoinAsync(join with { Raft = "127.0.0.1:1" }));
        Assert.Equal("join_refused", forged.Code);

        // Now it starts with only block 0, catches up from its peers, asks to join, and commits with the others.
        await cluster.StartAsync(3);
        await WaitUntilAsync(
            () => Task.FromResult(cluster.Runtime(3).Membership!.Ordering is { IsStandby: false, Leader: not null }),
            "the added member joins Raft (out of standby) and knows the leader");
        var viaAdded = await cluster.Clients[3].SubmitTransactionAsync(
            TestChain.Anchor(author, ++nonce, "via the added member", ConsortiumCluster.ChainId), waitForCommit: true, ConsortiumCluster.Generous);
        var head = await cluster.WaitForAgreementAsync(viaAdded.Height!.Value);
        Assert.Equal(4, (await RaftMembersAsync(cluster)).Count);

        // Org 3's node key is removed: the leader removes its member from Raft, and the certificate quorum shrinks.
        var removedAt = await AdoptAsync(cluster.Clients[0], admin1, admin2, new RemoveNodeKeyAction(OrganisationId.Parse("org3"), removedKey.PublicKey));
        await WaitUntilAsync(
            async () => !(await RaftMembersAsync(cluster)).Contains(cluster.Members[2].RaftEndPoint),
            "the leader removes the retired key's member from Raft");
        Assert.Equal((3, 2), await NodeKeysAndQuorumAsync(cluster, 0));
        Assert.False(cluster.Runtime(2).Chain.NodeSetAt(removedAt + 1).Contains(removedKey.PublicKey));
        await cluster.StopAsync(2);

        // Raft now counts three members (1, 2 and 4), so two of them commit: with node 2 stopped too,
        // nodes 1 and 4 are a majority. Had node 3 still counted, two of four would not be.
        var followerToStop = cluster.Runtime(1).Membership!.IsLeader ? 0 : 1;
        await cluster.StopAsync(followerToStop);
        var survivor = cluster.Running.First();
        var after = await cluster.Clients[survivor].SubmitTransactionAsync(
            TestChain.Anchor(author, ++nonce, "after the removal", ConsortiumCluster.ChainId), waitForCommit: true, ConsortiumCluster.Generous);
        await cluster.StartAsync(followerToStop);

        // It comes back with the Raft membership in force (nodes 1, 2 and 4) from its own membership
        // file, though its config lists the founding three. (The leader never sends a committed
        // membership change again, so a member that lost it would keep the founding list.)
        var inForce = new[] { 0, 1, 3 }.Select(i => cluster.Members[i].RaftEndPoint).ToHashSet();
        await WaitUntilAsync(
            async () => cluster.Runtime(followerToStop).Membership!.Ordering is { } raft
                && (await raft.MembersAsync(CancellationToken.None)).Select(m => m.EndPoint).ToHashSet().SetEquals(inForce),
            "the restarted member holds the Raft membership in force");
        var final = await cluster.WaitForAgreementAsync(after.Height!.Value);

        // The restarted member pins its catch-up to the certificate of that last block, which only nodes 1
        // and 4 signed: it checks it from the genesis keys through the certified node-set changes.
        await WaitUntilAsync(
            () => Task.FromResult(cluster.Runtime(followerToStop).CatchUp!.CertifiedHeight >= after.Height),
            "the restarted member pins catch-up to the certificate the added key signed");
        Assert.True(final.Height > head.Height);

        Assert.Equal([0, 1, 3], cluster.Running.Order());
    }

    /// <summary>Proposes as org 1's admin and approves as org 2's; returns the height that adopted the change.</summary>
    private static async Task<long> AdoptAsync(CarechainClient node, SigningKey proposer, SigningKey approver, ProposalAction action)
    {
        var (proposal, _) = await ConsortiumCalls.SubmitAsync(node, proposer, GovernanceModule.ModuleName, GovernancePayloads.Propose, GovernancePayloads.EncodePropose(action));
        var (_, adopted) = await ConsortiumCalls.SubmitAsync(
            node, approver, GovernanceModule.ModuleName, GovernancePayloads.Approve, GovernancePayloads.EncodeApprove(Hash256.Parse(proposal)));
        return adopted;
    }

    private static async Task<(int NodeKeys, int Quorum)> NodeKeysAndQuorumAsync(ConsortiumCluster cluster, int i)
    {
        var status = await cluster.Clients[i].GetCertificationStatusAsync();
        return (status.NodeKeys, status.Quorum);
    }

    /// <summary>The Raft endpoints of the current configuration as the leader holds it.</summary>
    private static async Task<IReadOnlyList<System.Net.IPEndPoint>> RaftMembersAsync(ConsortiumCluster cluster)
    {
        var leader = await cluster.WaitForLeaderAsync();
        var members = await cluster.Runtime(leader).Membership!.Ordering!.MembersAsync(CancellationToken.None);
        return [.. members.Select(m => m.EndPoint)];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}
