using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.State;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Transactions;
using Carechain.Testing;
using RocksDbSharp;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>Checkpoint certificates on three real members, and divergence found by re-execution and by certificates.</summary>
public sealed class CertificateTests
{
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Every_member_serves_a_certificate_of_the_same_statement_that_verifies_against_the_genesis_alone()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync();
        using var author = SigningKey.Generate();
        var committed = await SubmitAsync(cluster.Clients[0], Anchor(author, 1));
        var height = committed.Height!.Value;

        var certificates = new List<CheckpointCertificateDto>();
        foreach (var i in cluster.Running)
        {
            certificates.Add(await WaitForCertificateAsync(cluster.Clients[i], height));
        }

        var expected = CheckpointStatement.Of(ConsortiumCluster.ChainId, cluster.Runtime(0).Store.ReadBlock(height)!.Header, new NodeSet(cluster.Genesis.Producers));
        foreach (var dto in certificates)
        {
            Assert.True(ContractMapping.TryParse(dto, out var certificate, out var error), error);
            Assert.Equal(expected, certificate.Statement);
            Assert.True(OfflineProofVerifier.VerifyCertificate(dto, cluster.Genesis).IsValid);
        }

        var latest = await cluster.Clients[1].GetCertifiedCheckpointAsync();
        Assert.True(latest.Height >= height);
        var status = await cluster.Clients[2].GetCertificationStatusAsync();
        Assert.True(status.LastCertifiedHeight >= height);
        Assert.Equal((0L, 3, 2), (status.Disagreements, status.NodeKeys, status.Quorum));

        var tampered = certificates[0] with { StateCommitment = certificates[0].HeaderHash };
        var verdict = OfflineProofVerifier.VerifyCertificate(tampered, cluster.Genesis);
        Assert.Equal(ProofFailure.CertificateRefused, verdict.Failure);
    }

    [Fact]
    public async Task A_member_whose_stored_state_was_corrupted_diverges_at_the_first_block_that_reads_it()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync();
        using var author = SigningKey.Generate();
        var first = await SubmitAsync(cluster.Clients[0], Anchor(author, 1));
        await cluster.WaitForAgreementAsync(first.Height!.Value);

        // Member 3, stopped, gets its copy of the author's nonce deleted behind the node's back.
        const int victim = 2;
        await cluster.StopAsync(victim);
        CorruptNonce(cluster.StorePath(victim), author.PublicKey);
        await cluster.StartAsync(victim);

        var survivor = await cluster.WaitForLeaderAsync() == 0 ? 1 : 0;
        var second = await SubmitAsync(cluster.Clients[survivor], Anchor(author, 2));
        var stopped = await WaitForStoppedAsync(cluster, victim);
        Assert.Equal("diverged", stopped.Code);
        Assert.Contains($"block {second.Height}", stopped.Detail, StringComparison.Ordinal);
        var health = await Assert.ThrowsAsync<CarechainApiException>(() => cluster.Clients[victim].GetHealthAsync());
        Assert.Equal("diverged", health.Code);
        Assert.Equal(second.Height - 1, cluster.Runtime(victim).Chain.Head.Height);
    }

    [Fact]
    public async Task A_quorum_of_attestations_for_another_statement_stops_a_member_and_names_the_height()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync();
        using var author = SigningKey.Generate();
        var committed = await SubmitAsync(cluster.Clients[0], Anchor(author, 1));
        var height = committed.Height!.Value;
        await cluster.WaitForAgreementAsync(height);

        const int victim = 0;
        var real = CheckpointStatement.Of(ConsortiumCluster.ChainId, cluster.Runtime(victim).Store.ReadBlock(height)!.Header, new NodeSet(cluster.Genesis.Producers));
        var other = real with { StateCommitment = real.LogRoot };
        using var key2 = cluster.NodeKey(1);
        using var key3 = cluster.NodeKey(2);
        var batch = new AttestationBatchDto([
            ContractMapping.ToDto(CheckpointAttestation.Sign(other, key2)),
            ContractMapping.ToDto(CheckpointAttestation.Sign(other, key3)),
        ]);
        await cluster.Clients[victim].ExchangeAttestationsAsync(batch);

        var stopped = await WaitForStoppedAsync(cluster, victim);
        Assert.Equal("diverged", stopped.Code);
        Assert.Contains($"height {height}", stopped.Detail, StringComparison.Ordinal);
        Assert.Contains(real.StateCommitment.ToString(), stopped.Detail, StringComparison.Ordinal);
        Assert.Contains(other.StateCommitment.ToString(), stopped.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attestations_signed_by_a_non_member_or_forged_are_refused_and_change_nothing()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync();
        using var author = SigningKey.Generate();
        var committed = await SubmitAsync(cluster.Clients[0], Anchor(author, 1));
        var height = committed.Height!.Value;
        await cluster.WaitForAgreementAsync(height);
        var other = CheckpointStatement.Of(ConsortiumCluster.ChainId, cluster.Runtime(0).Store.ReadBlock(height)!.Header, new NodeSet(cluster.Genesis.Producers)) with { Height = height };
        other = other with { HeaderHash = other.LogRoot };

        using var stranger = SigningKey.Generate();
        using var key2 = cluster.NodeKey(1);
        var foreign = ContractMapping.ToDto(CheckpointAttestation.Sign(other, stranger));
        var forged = ContractMapping.ToDto(CheckpointAttestation.Sign(other, stranger)) with { Signer = key2.PublicKey.ToString() };
        foreach (var refused in new[] { foreign, forged })
        {
            var ex = await Assert.ThrowsAsync<CarechainApiException>(
                () => cluster.Clients[0].ExchangeAttestationsAsync(new AttestationBatchDto([refused])));
            Assert.Equal(("attestation_refused", System.Net.HttpStatusCode.UnprocessableEntity), (ex.Code, ex.StatusCode));
        }

        var malformed = await Assert.ThrowsAsync<CarechainApiException>(
            () => cluster.Clients[0].ExchangeAttestationsAsync(new AttestationBatchDto([foreign with { HeaderHash = "zz" }])));
        Assert.Equal("malformed_request", malformed.Code);
        Assert.Null(cluster.Runtime(0).Stopped);
        Assert.Equal(0, (await cluster.Clients[0].GetCertificationStatusAsync()).Disagreements);
    }

    /// <summary>Deletes the author's nonce from a stopped member's state: the node will think the author never signed anything.</summary>
    private static void CorruptNonce(string storePath, Ed25519PublicKey author)
    {
        var families = new ColumnFamilies();
        foreach (var name in ColumnFamily.All)
        {
            families.Add(name, new ColumnFamilyOptions());
        }

        using var db = RocksDb.Open(new DbOptions(), storePath, families);
        var key = StateKeys.Nonce(author);
        Assert.NotNull(db.Get(key, db.GetColumnFamily(ColumnFamily.State)));
        db.Remove(key, db.GetColumnFamily(ColumnFamily.State));
    }

    private static async Task<(string Code, string Detail)> WaitForStoppedAsync(ConsortiumCluster cluster, int member)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (true)
        {
            if (cluster.Runtime(member).Stopped is { } stopped)
            {
                return stopped;
            }

            await Task.Delay(20, cts.Token);
        }
    }

    private static async Task<CheckpointCertificateDto> WaitForCertificateAsync(CarechainClient client, long height)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (true)
        {
            try
            {
                return await client.GetCertifiedCheckpointAsync(height, cts.Token);
            }
            catch (CarechainApiException ex) when (ex.Code == "not_found")
            {
                await Task.Delay(50, cts.Token);
            }
        }
    }

    private static async Task<SubmitTransactionResponse> SubmitAsync(CarechainClient client, Transaction tx)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (true)
        {
            try
            {
                var answer = await client.SubmitTransactionAsync(tx, waitForCommit: true, CommitWait, cts.Token);
                Assert.Equal("committed", answer.Status);
                return answer;
            }
            catch (CarechainApiException ex) when (ex.Code is "no_leader" or "leader_unreachable" or "commit_timeout")
            {
                await Task.Delay(100, cts.Token);
            }
        }
    }

    private static Transaction Anchor(SigningKey author, ulong nonce) => TestChain.Anchor(author, nonce, "certificates", ConsortiumCluster.ChainId);
}
