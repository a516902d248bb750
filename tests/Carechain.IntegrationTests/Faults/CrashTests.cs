using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Support;
using Carechain.Ledger.Transactions;
using Carechain.Ledger.Verification;
using Carechain.Modules;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Faults;

public class CrashTests
{
    private const int Rounds = 20;

    [Fact]
    public async Task Node_killed_under_load_loses_no_acknowledged_transaction_and_verifies()
    {
        using var dir = new TempDirectory();
        var data = dir.File("node");
        var acknowledged = new List<TxId>();
        var random = new Random(1125);
        var verifier = new StoreVerifier(ChainModules.Create());

        for (var round = 0; round < Rounds; round++)
        {
            await using (var node = await NodeProcess.StartAsync(data))
            {
                await AssertAllPresentAsync(node.Client, acknowledged, round);
                using var load = new CancellationTokenSource();
                var writers = Enumerable.Range(0, 4).Select(_ => WriteUntilKilledAsync(node.Client, acknowledged, load.Token)).ToArray();
                await Task.Delay(random.Next(50, 600));
                node.Kill();
                await load.CancelAsync();
                await Task.WhenAll(writers);
            }

            await using (var restarted = await NodeProcess.StartAsync(data))
            {
                await AssertAllPresentAsync(restarted.Client, acknowledged, round);
                await restarted.StopAsync();
                Assert.Equal(0, restarted.ExitCode);
            }

            var report = verifier.Verify(Path.Combine(data, "ledger"));
            Assert.True(report.Intact, $"round {round}: {report.OneLine()}");
        }

        Assert.True(acknowledged.Count > Rounds, $"the load acknowledged only {acknowledged.Count} transactions");
    }

    /// <summary>Submits anchors from a fresh key, one at a time, recording each one the node says is committed.</summary>
    private static async Task WriteUntilKilledAsync(CarechainClient client, List<TxId> acknowledged, CancellationToken stop)
    {
        using var author = SigningKey.Generate();
        for (ulong nonce = 1; !stop.IsCancellationRequested; nonce++)
        {
            var tx = Signers.Anchor(author, nonce);
            try
            {
                var answer = await client.SubmitTransactionAsync(tx, waitForCommit: true, cancellationToken: stop);
                if (answer.Status == "committed")
                {
                    lock (acknowledged)
                    {
                        acknowledged.Add(tx.Id);
                    }
                }
            }
            catch (Exception ex) when (ex is CarechainApiException or OperationCanceledException or HttpRequestException)
            {
                return;
            }
        }
    }

    private static async Task AssertAllPresentAsync(CarechainClient client, List<TxId> acknowledged, int round)
    {
        TxId[] ids;
        lock (acknowledged)
        {
            ids = [.. acknowledged];
        }

        foreach (var id in ids)
        {
            var tx = await client.GetTransactionAsync(id);
            Assert.True(tx.Receipt.Status == "success", $"round {round}: {id} lost its success");
        }
    }
}
