using System.Collections.Concurrent;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Transactions;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>
/// The leader is cut off from the majority by fault-injecting proxies on the Raft links, under load,
/// then healed: no split brain, no divergent commits, no acknowledged transaction lost.
/// </summary>
public sealed class PartitionTests
{
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_leader_cut_off_from_the_majority_commits_nothing_new_the_majority_goes_on_and_healing_converges()
    {
        await using var cluster = new ConsortiumCluster(raftProxies: true);
        await cluster.StartAllAsync();
        var oldLeader = await cluster.WaitForLeaderAsync();
        var majority = cluster.Running.Where(i => i != oldLeader).ToArray();
        var acknowledged = new ConcurrentBag<TxId>();
        using var stopLoad = new CancellationTokenSource();
        var authors = Enumerable.Range(0, 3).Select(_ => SigningKey.Generate()).ToArray();
        var load = authors.Select(a => Task.Run(() => SubmitSteadilyAsync(cluster, majority, a, acknowledged, stopLoad.Token))).ToArray();
        await WaitForAsync(() => acknowledged.Count >= 10, "the load to commit before the partition");

        cluster.Isolate(oldLeader);
        var cutAt = cluster.Runtime(oldLeader).Chain.Head;
        var beforeCut = acknowledged.Count;

        // A client writing to the isolated old leader is never told its transaction committed.
        using var stranded = SigningKey.Generate();
        var strandedTx = TestChain.Anchor(stranded, 1, "partition", ConsortiumCluster.ChainId);
        var strandedAnswer = await TrySubmitAsync(cluster.Clients[oldLeader], strandedTx);
        Assert.NotEqual("committed", strandedAnswer);

        // The majority elects a leader of its own and keeps committing.
        await WaitForAsync(() => majority.Any(i => cluster.Runtime(i).Membership!.IsLeader), "the majority to elect a leader");
        await WaitForAsync(() => acknowledged.Count >= beforeCut + 15, "the majority to commit under load");
        await WaitForAsync(() => !cluster.Runtime(oldLeader).Membership!.IsLeader, "the isolated leader to step down");

        // Whatever the isolated member holds above the cut is the majority's (fetched by catch-up), never its own.
        var isolatedHead = cluster.Runtime(oldLeader).Chain.Head;
        for (var height = cutAt.Height + 1; height <= isolatedHead.Height; height++)
        {
            Assert.Equal(cluster.Runtime(majority[0]).Store.ReadBlock(height)?.Header.Hash, cluster.Runtime(oldLeader).Store.ReadBlock(height)!.Header.Hash);
        }

        await stopLoad.CancelAsync();
        await Task.WhenAll(load);
        var majorityHead = await WaitForMajorityAgreementAsync(cluster, majority);
        cluster.HealAll();

        var agreed = await cluster.WaitForAgreementAsync(majorityHead.Height);
        for (var height = 1L; height <= agreed.Height; height++)
        {
            var hash = cluster.Runtime(0).Store.ReadBlock(height)!.Header.Hash;
            Assert.All(cluster.Running, i => Assert.Equal(hash, cluster.Runtime(i).Store.ReadBlock(height)!.Header.Hash));
        }

        foreach (var i in cluster.Running)
        {
            Assert.All(acknowledged, id => Assert.True(cluster.Runtime(i).Store.ContainsTransaction(id), $"{id} is missing on member {i}"));
            Assert.Equal("ok", (await cluster.Clients[i].GetHealthAsync()).Status);
        }

        var strandedCommitted = cluster.Running.Select(i => cluster.Runtime(i).Store.ContainsTransaction(strandedTx.Id)).Distinct().ToList();
        Assert.Single(strandedCommitted);
        foreach (var author in authors)
        {
            author.Dispose();
        }
    }

    /// <summary>The status the node answered, or the problem code it refused with.</summary>
    private static async Task<string> TrySubmitAsync(CarechainClient client, Transaction tx)
    {
        try
        {
            return (await client.SubmitTransactionAsync(tx, waitForCommit: true, CommitWait)).Status;
        }
        catch (CarechainApiException ex)
        {
            return ex.Code;
        }
    }

    /// <summary>Submits one author's transactions with wait=true to the given members in turn, retrying the same one until acknowledged.</summary>
    private static async Task SubmitSteadilyAsync(ConsortiumCluster cluster, int[] targets, SigningKey author, ConcurrentBag<TxId> acknowledged, CancellationToken stop)
    {
        var nonce = 1UL;
        var attempt = 0;
        while (!stop.IsCancellationRequested)
        {
            var tx = TestChain.Anchor(author, nonce, "partition", ConsortiumCluster.ChainId);
            try
            {
                var answer = await cluster.Clients[targets[attempt++ % targets.Length]].SubmitTransactionAsync(tx, waitForCommit: true, CommitWait, stop);
                if (answer.Status == "committed")
                {
                    acknowledged.Add(tx.Id);
                    nonce++;
                }
            }
            catch (CarechainApiException)
            {
                // An election or a commit timeout; an earlier attempt may have committed it meanwhile.
                if (targets.Any(i => cluster.Runtime(i).Store.ContainsTransaction(tx.Id)))
                {
                    nonce++;
                }

                await Task.Delay(50, CancellationToken.None);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task<Ledger.Blocks.BlockHeader> WaitForMajorityAgreementAsync(ConsortiumCluster cluster, int[] majority)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (true)
        {
            var heads = majority.Select(i => cluster.Runtime(i).Chain.Head).ToList();
            if (heads.All(h => h.Hash == heads[0].Hash))
            {
                return heads[0];
            }

            await Task.Delay(20, cts.Token);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (!condition())
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }
        }
    }
}
