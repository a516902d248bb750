using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Support;
using Carechain.Ledger.Transactions;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>
/// A consortium folder from `carechain init`, its members as real `carechain node run --config` processes,
/// and `carechain network status --json` (in-process) as the observer: what a user runs, killed with SIGKILL.
/// </summary>
public sealed class ProcessClusterTests
{
    private const string ChainId = "carechain-local";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Network_status_reports_every_node_of_a_folder_as_down_when_none_runs()
    {
        using var folder = await ConsortiumFolder.CreateAsync();

        var nodes = await StatusAsync(folder.Directory);

        Assert.Equal(["node1", "node2", "node3"], nodes.Select(n => n.Id));
        Assert.All(nodes, n =>
        {
            Assert.Equal("down", n.Role);
            Assert.Null(n.Height);
            Assert.Null(n.HeadHash);
            Assert.Null(n.Lag);
            Assert.Null(n.LastCertifiedHeight);
        });
    }

    [Fact]
    public async Task Killing_the_leader_process_loses_no_acknowledged_transaction_and_the_restarted_member_catches_up()
    {
        using var folder = await ConsortiumFolder.CreateAsync();
        var processes = await Task.WhenAll(Enumerable.Range(1, 3).Select(folder.StartAsync));
        try
        {
            var leader = await WaitForLeaderAsync(folder.Directory, expectedUp: 3);
            var follower = (leader % 3) + 1;
            using var author = SigningKey.Generate();
            var acknowledged = new List<string>();
            var nonce = 1UL;
            foreach (var via in new[] { follower, leader, follower, leader })
            {
                var answer = await SubmitAsync(processes[via - 1].Client, TestChain.Anchor(author, nonce++, "process", ChainId));
                Assert.Equal("committed", answer.Status);
                acknowledged.Add(answer.TxId);
            }

            processes[leader - 1].Kill();
            var killedAt = Stopwatch.StartNew();
            var survivor = processes[follower - 1];
            var afterKill = await SubmitAsync(survivor.Client, TestChain.Anchor(author, nonce, "process", ChainId));
            Assert.Equal("committed", afterKill.Status);
            Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(8), $"the survivors took {killedAt.Elapsed} to commit again");
            acknowledged.Add(afterKill.TxId);
            var newLeader = await WaitForLeaderAsync(folder.Directory, expectedUp: 2);
            Assert.NotEqual(leader, newLeader);
            foreach (var i in new[] { follower, newLeader })
            {
                await AssertHoldsAllAsync(processes[i - 1].Client, acknowledged);
            }

            processes[leader - 1] = await folder.StartAsync(leader);
            var nodes = await WaitForAgreementAsync(folder.Directory, afterKill.Height!.Value);
            Assert.All(nodes, n => Assert.Equal(nodes[0].StateCommitment, n.StateCommitment));
            await AssertHoldsAllAsync(processes[leader - 1].Client, acknowledged);

            // Every member, the restarted one included, ends up holding a certificate of the last block,
            // and the certificate downloaded from the restarted one verifies with the genesis file alone.
            await WaitForCertifiedAsync(folder.Directory, afterKill.Height!.Value);
            await AssertCertificateVerifiesAsync(folder.Directory, processes[leader - 1].Client.BaseAddress, afterKill.Height!.Value);
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>Runs `carechain network status --dir DIR --json` in-process and reads its one JSON line.</summary>
    private static async Task<IReadOnlyList<StatusRow>> StatusAsync(string directory)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Cli.Program.RunAsync(["network", "status", "--dir", directory, "--json"], output, error);
        Assert.True(exit == 0, $"network status exited {exit}: {error}");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var document = JsonDocument.Parse(lines[^1]);
        Assert.Equal(["nodes"], document.RootElement.EnumerateObject().Select(p => p.Name));
        return [.. document.RootElement.GetProperty("nodes").EnumerateArray().Select(StatusRow.Read)];
    }

    /// <summary>Waits until `network status` shows every node with a certificate of at least <paramref name="height"/>.</summary>
    private static async Task WaitForCertifiedAsync(string directory, long height)
    {
        using var cts = new CancellationTokenSource(Generous);
        while (true)
        {
            var nodes = await StatusAsync(directory);
            if (nodes.All(n => n.LastCertifiedHeight >= height))
            {
                return;
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException("not certified: " + string.Join("; ", nodes.Select(n => $"{n.Id} certified {n.LastCertifiedHeight}")));
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>`carechain checkpoint --certified --genesis` saves a certificate; `carechain proof verify --certificate --genesis` accepts it.</summary>
    private static async Task AssertCertificateVerifiesAsync(string directory, Uri node, long height)
    {
        var genesis = Path.Combine(directory, "genesis.json");
        var file = Path.Combine(directory, "certificate.json");
        var nodeUrl = node.ToString().TrimEnd('/');
        var heightText = height.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[][] commands =
        [
            ["checkpoint", "--certified", "--height", heightText, "--node", nodeUrl, "--genesis", genesis, "--out", file],
            ["proof", "verify", "--certificate", file, "--genesis", genesis],
        ];
        foreach (var args in commands)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await Cli.Program.RunAsync(args, output, error);
            Assert.True(exit == 0, $"carechain {string.Join(' ', args)} exited {exit}: {error}");
        }
    }

    /// <summary>Waits until exactly one node leads and <paramref name="expectedUp"/> nodes answer; returns the leader's number.</summary>
    private static async Task<int> WaitForLeaderAsync(string directory, int expectedUp)
    {
        using var cts = new CancellationTokenSource(Generous);
        while (true)
        {
            var nodes = await StatusAsync(directory);
            var leaders = nodes.Where(n => n.Role == "leader").ToList();
            if (leaders.Count == 1 && nodes.Count(n => n.Role != "down") == expectedUp)
            {
                return int.Parse(leaders[0].Id["node".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }

            await Task.Delay(100, cts.Token);
        }
    }

    /// <summary>Waits until all three nodes are up at the same head of at least <paramref name="minHeight"/>, per `network status`.</summary>
    private static async Task<IReadOnlyList<StatusRow>> WaitForAgreementAsync(string directory, long minHeight)
    {
        using var cts = new CancellationTokenSource(Generous);
        while (true)
        {
            var nodes = await StatusAsync(directory);
            if (nodes.All(n => n.Role != "down" && n.HeadHash == nodes[0].HeadHash && n.Lag == 0) && nodes[0].Height >= minHeight)
            {
                return nodes;
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException("nodes disagree: " + string.Join("; ", nodes.Select(n => $"{n.Id} {n.Role} height {n.Height}")));
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Submits with wait=true, retrying the same transaction while the consortium elects a leader.</summary>
    private static async Task<SubmitTransactionResponse> SubmitAsync(CarechainClient client, Transaction tx)
    {
        using var cts = new CancellationTokenSource(Generous);
        while (true)
        {
            try
            {
                return await client.SubmitTransactionAsync(tx, waitForCommit: true, CommitWait, cts.Token);
            }
            catch (CarechainApiException ex) when (ex.Code is "no_leader" or "leader_unreachable" or "commit_timeout" or "not_leader")
            {
                await Task.Delay(100, cts.Token);
            }
        }
    }

    private static async Task AssertHoldsAllAsync(CarechainClient client, IEnumerable<string> transactions)
    {
        foreach (var id in transactions)
        {
            Assert.True(TxId.TryParse(id, out var txId));
            Assert.Equal(id, (await client.GetTransactionAsync(txId)).TxId);
        }
    }

    private sealed record StatusRow(string Id, string Url, string Role, long? Height, string? HeadHash, string? StateCommitment, long? Lag, long? LastCertifiedHeight)
    {
        public static StatusRow Read(JsonElement node)
        {
            Assert.Equal(
                ["id", "url", "role", "height", "headHash", "stateCommitment", "lag", "lastCertifiedHeight"],
                node.EnumerateObject().Select(p => p.Name));
            return node.Deserialize<StatusRow>(CarechainJson.Wire)!;
        }
    }

    /// <summary>A 3-node folder made by `carechain init` (in-process) on free loopback ports, deleted afterwards.</summary>
    private sealed class ConsortiumFolder : IDisposable
    {
        private const string PassphraseVariable = "CARECHAIN_PROCESS_TEST_PASSPHRASE";
        private const string Passphrase = "process-cluster-test";
        private readonly string _root;

        private ConsortiumFolder(string root) => _root = root;

        public string Directory => Path.Combine(_root, "consortium");

        public static async Task<ConsortiumFolder> CreateAsync()
        {
            Environment.SetEnvironmentVariable(PassphraseVariable, Passphrase);
            var folder = new ConsortiumFolder(System.IO.Directory.CreateTempSubdirectory("carechain-process-").FullName);
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await Cli.Program.RunAsync(
                ["init", "--nodes", "3", "--out", folder.Directory, "--passphrase-env", PassphraseVariable, "--base-port", FreeBasePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"],
                output,
                error);
            Assert.True(exit == 0, $"init exited {exit}: {error}");
            return folder;
        }

        public Task<NodeProcess> StartAsync(int k)
        {
            var config = Path.Combine(Directory, $"node{k}", "node.json");
            var url = Node.Hosting.ConsortiumNodeConfig.Parse(File.ReadAllText(config)).Urls;
            return NodeProcess.StartMemberAsync(config, new Uri(url + "/"), PassphraseVariable, Passphrase);
        }

        public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

        /// <summary>A base port P whose API ports P+1..P+3 and Raft ports P+101..P+103 are free, below Linux's ephemeral range.</summary>
        private static int FreeBasePort()
        {
            while (true)
            {
                var basePort = Random.Shared.Next(20_000, 31_000);
                if (new[] { 1, 2, 3, 101, 102, 103 }.All(offset => IsFree(basePort + offset)))
                {
                    return basePort;
                }
            }
        }

        private static bool IsFree(int port)
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
