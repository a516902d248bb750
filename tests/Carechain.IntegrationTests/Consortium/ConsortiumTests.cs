using System.Collections.Concurrent;
using System.Diagnostics;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Transactions;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>Three real members on loopback: forwarding (single and batch), agreement, leader failover under load, catch-up after restart.</summary>
public sealed class ConsortiumTests
{
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Transactions_submitted_to_a_follower_and_to_the_leader_commit_identically_on_every_member()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var follower = cluster.Running.First(i => i != leader);
        using var author = SigningKey.Generate();

        var viaFollower = await SubmitRetryingElectionsAsync(cluster.Clients[follower], Anchor(author, 1));
        Assert.Equal("committed", viaFollower.Status);
        Assert.Equal(2UL, (await cluster.Clients[follower].GetNonceAsync(author.PublicKey)).Next);

        var viaLeader = await SubmitRetryingElectionsAsync(cluster.Clients[leader], Anchor(author, 2));
        Assert.Equal("committed", viaLeader.Status);

        var head = await cluster.WaitForAgreementAsync(viaLeader.Height!.Value);
        foreach (var i in cluster.Running)
        {
            Assert.True(TxId.TryParse(viaFollower.TxId, out var id) && cluster.Runtime(i).Store.ContainsTransaction(id));
            Assert.Equal(head.StateCommitment, cluster.Runtime(i).Chain.Head.StateCommitment);
            Assert.Equal("ok", (await cluster.Clients[i].GetHealthAsync()).Status);
        }
    }

    [Fact]
    public async Task A_batch_submitted_to_a_follower_is_forwarded_to_the_leader_and_answered_with_its_per_transaction_results()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var follower = cluster.Running.First(i => i != leader);
        using var author = SigningKey.Generate();
        var txs = Enumerable.Range(1, 5).Select(n => Anchor(author, (ulong)n)).Append(Anchor(author, 7)).ToList();

        var answer = await SubmitBatchRetryingElectionsAsync(cluster.Clients[follower], txs);

        Assert.Equal(txs.Select(t => t.Id.ToString()), answer.Results.Select(r => r.TxId));
        Assert.All(answer.Results.Take(5), r => Assert.Contains(r.Status, new[] { "pending", "committed" }));
        Assert.Equal(("refused", "nonce_gap"), (answer.Results[5].Status, answer.Results[5].Code));
        await WaitForAsync(() => cluster.Running.All(i => cluster.Runtime(i).Store.ContainsTransaction(txs[4].Id)));
        Assert.Equal(6UL, (await cluster.Clients[follower].GetNonceAsync(author.PublicKey)).Next);
        Assert.All(cluster.Running, i => Assert.False(cluster.Runtime(i).Store.ContainsTransaction(txs[5].Id)));
    }

    [Fact]
    public async Task Stopping_the_leader_under_load_loses_no_acknowledged_transaction_and_the_restarted_member_catches_up()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var acknowledged = new ConcurrentBag<TxId>();
        using var stopLoad = new CancellationTokenSource();
        var authors = Enumerable.Range(0, 4).Select(_ => SigningKey.Generate()).ToArray();
        var load = authors.Select(a => Task.Run(() => SubmitSteadilyAsync(cluster, a, acknowledged, stopLoad.Token))).ToArray();

        await WaitForAsync(() => acknowledged.Count >= 20);
        var before = acknowledged.Count;
        var stoppedAt = Stopwatch.StartNew();
        await cluster.StopAsync(leader);
        await WaitForAsync(() => acknowledged.Count >= before + 10);
        Assert.True(stoppedAt.Elapsed < TimeSpan.FromSeconds(5), $"the survivors took {stoppedAt.Elapsed} to commit again");

        await stopLoad.CancelAsync();
        await Task.WhenAll(load);
        foreach (var author in authors)
        {
            author.Dispose();
        }

        var head = await cluster.WaitForAgreementAsync();
        foreach (var i in cluster.Running)
        {
            Assert.All(acknowledged, id => Assert.True(cluster.Runtime(i).Store.ContainsTransaction(id), $"{id} is missing on member {i}"));
        }

        await cluster.StartAsync(leader);
        var caughtUp = await cluster.WaitForAgreementAsync(head.Height);
        Assert.Equal(head.Hash, cluster.Runtime(leader).Store.ReadBlock(head.Height)!.Header.Hash);
        Assert.True(caughtUp.Height >= head.Height);
        Assert.All(acknowledged, id => Assert.True(cluster.Runtime(leader).Store.ContainsTransaction(id)));
    }

    /// <summary>One client per author: submits its next transaction with wait=true to a running member, retrying the same one until acknowledged.</summary>
    private static async Task SubmitSteadilyAsync(ConsortiumCluster cluster, SigningKey author, ConcurrentBag<TxId> acknowledged, CancellationToken stop)
    {
        var nonce = 1UL;
        var attempt = 0;
        while (!stop.IsCancellationRequested)
        {
            var tx = Anchor(author, nonce);
            var running = cluster.Running.ToArray();
            if (running.Length == 0)
            {
                return;
            }

            try
            {
                var answer = await cluster.Clients[running[attempt++ % running.Length]].SubmitTransactionAsync(tx, waitForCommit: true, CommitWait, stop);
                if (answer.Status == "committed")
                {
                    acknowledged.Add(tx.Id);
                    nonce++;
                }
            }
            catch (CarechainApiException)
            {
                // Leader change, a stopped member or a commit timeout: the same transaction is sent again.
                await Task.Delay(50, CancellationToken.None);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Submits with wait=true, retrying the same transaction while the node reports an election in progress (two busy cores can re-elect).</summary>
    private static async Task<Client.Contracts.SubmitTransactionResponse> SubmitRetryingElectionsAsync(CarechainClient client, Transaction tx)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (true)
        {
            try
            {
                return await client.SubmitTransactionAsync(tx, waitForCommit: true, CommitWait, cts.Token);
            }
            catch (CarechainApiException ex) when (ex.Code is "no_leader" or "leader_unreachable" or "commit_timeout")
            {
                await Task.Delay(100, cts.Token);
            }
        }
    }

    /// <summary>Submits a batch, retrying it while the node reports an election in progress.</summary>
    private static async Task<Client.Contracts.SubmitBatchResponse> SubmitBatchRetryingElectionsAsync(CarechainClient client, IReadOnlyList<Transaction> txs)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (true)
        {
            try
            {
                return await client.SubmitBatchAsync(txs, cts.Token);
            }
            catch (CarechainApiException ex) when (ex.Code is "no_leader" or "leader_unreachable")
            {
                await Task.Delay(100, cts.Token);
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }

    private static Transaction Anchor(SigningKey author, ulong nonce) => TestChain.Anchor(author, nonce, "consortium", ConsortiumCluster.ChainId);
}
