using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>
/// A member that was down, or joins with only block 0, fetches the blocks it lacks from its peers'
/// APIs and validates every one before it holds it; a peer serving tampered blocks is refused.
/// </summary>
public sealed class CatchUpTests
{
    private const int BlocksWhileDown = 30;

    [Fact]
    public async Task A_restarted_member_fetches_the_blocks_it_missed_from_its_peers_and_reaches_the_same_head_and_commitment()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync();
        using var author = SigningKey.Generate();
        var nonce = 1UL;
        await CommitAsync(cluster, author, nonce++);

        await cluster.StopAsync(0);
        var head = await CommitBlocksAsync(cluster, author, nonce, BlocksWhileDown);

        await cluster.StartAsync(0);
        var agreed = await cluster.WaitForAgreementAsync(head);
        var member = cluster.Runtime(0);
        Assert.Equal(agreed.StateCommitment, member.Chain.Head.StateCommitment);
        Assert.True(member.CatchUp!.AppliedBlocks >= BlocksWhileDown, $"fetched {member.CatchUp.AppliedBlocks} blocks from peers");
        Assert.Equal("ok", (await cluster.Clients[0].GetHealthAsync()).Status);
    }

    [Fact]
    public async Task A_member_joining_with_only_block_0_refuses_a_peer_serving_tampered_blocks_and_catches_up_from_another()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync();
        using var author = SigningKey.Generate();
        await cluster.StopAsync(0);
        var head = await CommitBlocksAsync(cluster, author, 1, BlocksWhileDown);
        cluster.Wipe(0);

        // Member 0 asks node2 first: node2's API is, for member 0, a peer that alters every block.
        await using var liar = await ProxyPeer.Tampering(cluster.Members[1].ApiUrl);
        await cluster.StartAsync(0, new Dictionary<int, Uri> { [1] = liar.Url });

        var agreed = await cluster.WaitForAgreementAsync(head);
        var member = cluster.Runtime(0);
        Assert.True(liar.BatchesServed >= 1);
        Assert.True(member.CatchUp!.IsRefused(cluster.Members[1].Id));
        Assert.True(member.CatchUp.AppliedBlocks >= BlocksWhileDown);
        Assert.Equal(agreed.StateCommitment, member.Chain.Head.StateCommitment);
        for (var height = 1L; height <= agreed.Height; height++)
        {
            Assert.Equal(cluster.Runtime(1).Store.ReadBlock(height)!.Header.Hash, member.Store.ReadBlock(height)!.Header.Hash);
        }
    }

    [Fact]
    public async Task A_member_catching_up_reports_catching_up_with_the_peer_height_it_aims_at_in_its_health_then_ok()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync();
        using var author = SigningKey.Generate();
        await cluster.StopAsync(0);
        var head = await CommitBlocksAsync(cluster, author, 1, 20);
        cluster.Wipe(0);

        // Member 0 asks node2 first, which serves two blocks per answer, a quarter of a second apart.
        await using var slow = await ProxyPeer.Slow(cluster.Members[1].ApiUrl, blocksPerBatch: 2, TimeSpan.FromMilliseconds(250));
        await cluster.StartAsync(0, new Dictionary<int, Uri> { [1] = slow.Url });

        var catchingUp = await WaitForHealthAsync(cluster.Clients[0], "catching_up");
        Assert.True(catchingUp.Height < head, $"height {catchingUp.Height} while catching up to {head}");
        Assert.True(catchingUp.PeerHeight >= head, $"aims at {catchingUp.PeerHeight}, the peers hold {head}");

        await cluster.WaitForAgreementAsync(head);
        var ok = await WaitForHealthAsync(cluster.Clients[0], "ok");
        Assert.Null(ok.PeerHeight);
        Assert.True(slow.BatchesServed >= 2);
    }

    /// <summary>Polls /health until it answers <paramref name="status"/> (a member still starting is polled again).</summary>
    private static async Task<Client.Contracts.HealthDto> WaitForHealthAsync(CarechainClient client, string status)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (true)
        {
            try
            {
                var health = await client.GetHealthAsync(cts.Token);
                if (health.Status == status)
                {
                    return health;
                }
            }
            catch (CarechainApiException ex) when (ex.IsUnreachable)
            {
                // Not listening yet.
            }

            await Task.Delay(20, cts.Token);
        }
    }

    /// <summary>Commits <paramref name="count"/> blocks of one transaction each through the running members; returns the height reached.</summary>
    internal static async Task<long> CommitBlocksAsync(ConsortiumCluster cluster, SigningKey author, ulong firstNonce, int count)
    {
        var height = 0L;
        for (var i = 0; i < count; i++)
        {
            height = await CommitAsync(cluster, author, firstNonce + (ulong)i);
        }

        return height;
    }

    /// <summary>Submits with wait=true to a running member, retrying the same transaction through elections; returns its block height.</summary>
    internal static async Task<long> CommitAsync(ConsortiumCluster cluster, SigningKey author, ulong nonce)
    {
        var tx = TestChain.Anchor(author, nonce, "catch-up", ConsortiumCluster.ChainId);
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        for (var attempt = 0; ; attempt++)
        {
            var running = cluster.Running.ToArray();
            try
            {
                var answer = await cluster.Clients[running[attempt % running.Length]].SubmitTransactionAsync(tx, waitForCommit: true, TimeSpan.FromSeconds(4), cts.Token);
                if (answer.Status == "committed")
                {
                    return answer.Height!.Value;
                }
            }
            catch (CarechainApiException ex) when (ex.Code is "no_leader" or "leader_unreachable" or "commit_timeout" or "unreachable")
            {
                // An election, or a member still starting: the same transaction again.
            }
            catch (CarechainApiException) when (cluster.Running.Select(i => cluster.Runtime(i).Store.ReadTransaction(tx.Id)).FirstOrDefault(t => t is not null) is { } stored)
            {
                // An earlier attempt committed it, though its answer was lost.
                return stored.Height;
            }

            await Task.Delay(100, cts.Token);
        }
    }
}
