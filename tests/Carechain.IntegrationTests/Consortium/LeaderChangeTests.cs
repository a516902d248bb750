using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>
/// Leadership moves while one client streams pre-signed transactions with consecutive nonces (as
/// <c>carechain bench</c> does): what the deposed leader had accepted but not committed goes on to
/// the new leader, so every accepted transaction commits exactly once and the client never meets a
/// nonce gap it cannot get past.
/// </summary>
public sealed class LeaderChangeTests
{
    private const int Transactions = 2_000;
    private const int Batch = 100;
    private const int StepDownAfter = 600;
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_transaction_accepted_before_the_leader_steps_down_mid_load_commits_exactly_once_on_every_member()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        var first = await cluster.WaitForLeaderAsync();
        using var author = SigningKey.Generate();
        var txs = Enumerable.Range(1, Transactions)
            .Select(n => TestChain.Anchor(author, (ulong)n, "leader-change", ConsortiumCluster.ChainId))
            .ToArray();

        var steppedDown = false;
        await StreamAsync(cluster, txs, async accepted =>
        {
            if (!steppedDown && accepted >= StepDownAfter)
            {
                // Right after the leader accepted a batch, so some of it is still pending there.
                steppedDown = await cluster.Runtime(first).Membership!.StepDownAsync(CancellationToken.None);
                Assert.True(steppedDown, "the first leader did not step down");
            }
        });

        Assert.True(steppedDown);
        await WaitForAsync(() => cluster.Running.All(i => cluster.Runtime(i).Store.ContainsTransaction(txs[^1].Id)), "the last transaction to commit everywhere");
        var head = await cluster.WaitForAgreementAsync();

        // Exactly once: the log holds one leaf per transaction, and each member consumed every nonce.
        Assert.Equal(Transactions, head.LogSize);
        foreach (var i in cluster.Running)
        {
            var member = cluster.Runtime(i);
            Assert.Equal((ulong)Transactions, BlockExecutor.ReadNonce(member.Store, author.PublicKey));
            Assert.All(txs, tx => Assert.True(member.Store.ContainsTransaction(tx.Id), $"{tx.Id} (nonce {tx.Nonce}) is missing on member {i}"));
            Assert.Equal("ok", (await cluster.Clients[i].GetHealthAsync()).Status);
        }
    }

    /// <summary>
    /// Sends the transactions in order, in batches, to whichever member leads, each batch from the first
    /// one not yet accepted; fails when the same transaction is refused for <see cref="StuckAfter"/>.
    /// </summary>
    private static async Task StreamAsync(ConsortiumCluster cluster, Transaction[] txs, Func<int, Task> onAccepted)
    {
        var next = 0;
        var lastProgress = DateTimeOffset.UtcNow;
        var lastRefusal = "none";
        while (next < txs.Length)
        {
            var leader = cluster.Running.Where(i => cluster.Runtime(i).Membership!.IsLeader).Select(i => (int?)i).FirstOrDefault();
            var accepted = 0;
            if (leader is { } target)
            {
                try
                {
                    var answer = await cluster.Clients[target].SubmitBatchAsync(txs.Skip(next).Take(Batch));
                    accepted = answer.Results.TakeWhile(r => r.Status is "pending" or "committed").Count();
                    if (accepted < answer.Results.Count)
                    {
                        lastRefusal = answer.Results[accepted].Code ?? answer.Results[accepted].Status;
                    }
                }
                catch (CarechainApiException ex)
                {
                    lastRefusal = ex.Code;
                }
            }

            if (accepted > 0)
            {
                next += accepted;
                lastProgress = DateTimeOffset.UtcNow;
                await onAccepted(next);
                continue;
            }

            Assert.True(
                DateTimeOffset.UtcNow - lastProgress < StuckAfter,
                $"transaction nonce {txs[next].Nonce} was refused for {StuckAfter} ({lastRefusal}): transactions accepted before it were lost");
            await Task.Delay(20);
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
