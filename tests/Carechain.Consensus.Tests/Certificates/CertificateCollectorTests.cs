using Carechain.Consensus.Certificates;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Checkpoints;

namespace Carechain.Consensus.Tests.Certificates;

public sealed class CertificateCollectorTests : IDisposable
{
    private const string ChainId = "collector-test";
    private readonly SigningKey[] _nodes = [.. Enumerable.Range(0, 3).Select(_ => SigningKey.Generate())];
    private long _head = 4;

    [Fact]
    public void This_node_and_one_peer_of_three_form_a_certificate_once()
    {
        var collector = Collector();
        Assert.Null(collector.Observe(4).Certified);
        var outcome = collector.Add(Attest(1, Statement(4)));
        Assert.NotNull(outcome.Certified);
        Assert.True(outcome.Certified.Verify(ChainId, Keys).IsValid);
        Assert.Equal(Statement(4), outcome.Certified.Statement);
        Assert.Null(collector.Add(Attest(2, Statement(4))).Certified);
    }

    [Fact]
    public void A_peer_ahead_of_this_node_is_counted_once_this_node_holds_the_block()
    {
        var collector = Collector();
        Assert.Equal(CollectionOutcome.Nothing, collector.Add(Attest(1, Statement(6))));
        _head = 6;
        Assert.NotNull(collector.Observe(6).Certified);
    }

    [Fact]
    public void One_peer_signing_another_state_is_a_disagreement_not_a_divergence()
    {
        var collector = Collector();
        collector.Observe(4);
        var outcome = collector.Add(Attest(1, Other(4)));
        Assert.Contains("height 4", outcome.Disagreement, StringComparison.Ordinal);
        Assert.Null(outcome.Divergence);
        Assert.Null(outcome.Certified);
    }

    [Fact]
    public void A_quorum_signing_another_state_means_this_node_diverged()
    {
        var collector = Collector();
        collector.Observe(4);
        collector.Add(Attest(1, Other(4)));
        var outcome = collector.Add(Attest(2, Other(4)));
        Assert.NotNull(outcome.Divergence);
        Assert.Contains(Other(4).StateCommitment.ToString(), outcome.Divergence, StringComparison.Ordinal);
        Assert.Contains(Statement(4).StateCommitment.ToString(), outcome.Divergence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quorum_that_also_signed_this_nodes_state_still_shows_divergence()
    {
        var collector = Collector();
        collector.Observe(4);
        Assert.NotNull(collector.Add(Attest(1, Statement(4))).Certified);
        collector.Add(Attest(1, Other(4)));
        Assert.NotNull(collector.Add(Attest(2, Other(4))).Divergence);
    }

    [Fact]
    public void Attestations_of_strangers_other_chains_unattested_heights_and_forgeries_are_refused()
    {
        var collector = Collector(interval: 2);
        using var stranger = SigningKey.Generate();
        var forged = Attest(1, Statement(4)) with { Signer = _nodes[2].PublicKey };
        Assert.Contains("is not a node key that certifies height 4", collector.Check(CheckpointAttestation.Sign(Statement(4), stranger)), StringComparison.Ordinal);
        Assert.Contains("chain", collector.Check(Attest(1, Statement(4) with { ChainId = "other" })), StringComparison.Ordinal);
        Assert.Contains("not attested", collector.Check(Attest(1, Statement(3))), StringComparison.Ordinal);
        Assert.Contains("too far above", collector.Check(Attest(1, Statement(4 + 2 * CertificateCollector.Window))), StringComparison.Ordinal);
        Assert.Contains("does not verify", collector.Check(forged), StringComparison.Ordinal);
        Assert.NotNull(collector.Add(forged).Refusal);
    }

    [Fact]
    public void Each_height_is_certified_by_the_keys_in_force_before_it_and_a_change_is_attested_whatever_the_interval()
    {
        // Node 2 is removed by the block at height 3: it still certifies 3, but no longer 4.
        var collector = new CertificateCollector(
            ChainId, 2, () => _head, h => h <= _head ? Attest(0, Statement(h)) : null, h => h <= 3 ? Keys : Keys[..2], h => h == 3);

        Assert.True(collector.IsAttested(3));
        Assert.False(collector.IsAttested(1));
        Assert.Null(collector.Check(Attest(2, Statement(3))));
        Assert.Contains("is not a node key that certifies height 4", collector.Check(Attest(2, Statement(4))), StringComparison.Ordinal);
        collector.Observe(4);
        var certified = collector.Add(Attest(1, Statement(4))).Certified;
        Assert.NotNull(certified);
        Assert.True(certified.Verify(ChainId, Keys[..2]).IsValid);
    }

    public void Dispose()
    {
        foreach (var key in _nodes)
        {
            key.Dispose();
        }
    }

    private Ed25519PublicKey[] Keys => [.. _nodes.Select(k => k.PublicKey)];

    private CertificateCollector Collector(int interval = 1) =>
        new(ChainId, interval, () => _head, h => h <= _head ? Attest(0, Statement(h)) : null, _ => Keys, _ => false);

    private CheckpointAttestation Attest(int node, CheckpointStatement statement) => CheckpointAttestation.Sign(statement, _nodes[node]);

    private static CheckpointStatement Statement(long height) => new(
        ChainId, height, Hash("header", height), Hash("state", height), Hash("root", height), height * 3, Hash("nodes", 0));

    private static CheckpointStatement Other(long height) => Statement(height) with { StateCommitment = Hash("forked", height) };

    private static Hash256 Hash(string what, long height) => DomainHash.Of(DomainTag.StateCommitment, System.Text.Encoding.UTF8.GetBytes($"{what}{height}"));
}
