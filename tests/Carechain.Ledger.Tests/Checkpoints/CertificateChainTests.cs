using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Checkpoints;

namespace Carechain.Ledger.Tests.Checkpoints;

/// <summary>Trust passes from the genesis node set, one certified node-set change at a time, to the keys that sign a certificate.</summary>
public sealed class CertificateChainTests : IDisposable
{
    private const string ChainId = "chain-test";

    // k0..k2 found the chain; k3 joins at height 5 and k2 leaves at height 8; k4 and k5 never belong.
    private readonly SigningKey[] _k = [.. Enumerable.Range(0, 6).Select(_ => SigningKey.Generate())];

    private NodeSet Genesis => Set(0, 1, 2);

    private NodeSet Grown => Set(0, 1, 2, 3);

    private NodeSet Shrunk => Set(0, 1, 3);

    [Fact]
    public void Without_changes_a_genesis_quorum_holds()
    {
        var verdict = CertificateChain.Verify(ChainId, Genesis, [], Certify(3, Genesis, 0, 2));

        Assert.True(verdict.IsValid, verdict.Reason);
    }

    [Fact]
    public void A_certificate_signed_by_keys_added_later_holds_through_the_certified_changes()
    {
        var verdict = CertificateChain.Verify(ChainId, Genesis, Changes(), Certify(12, Shrunk, 1, 3));

        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.Contains("through 2 certified node-set changes", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_certificate_without_its_changes_is_refused()
    {
        var verdict = CertificateChain.Verify(ChainId, Genesis, [], Certify(12, Shrunk, 1, 3));

        Assert.Equal(CertificateFailure.NotANodeKey, verdict.Failure);
    }

    [Fact]
    public void Removed_keys_cannot_certify_after_their_removal()
    {
        // k2 was removed at height 8: with k0 it is a genesis majority, but not a node key at 12.
        var verdict = CertificateChain.Verify(ChainId, Genesis, Changes(), Certify(12, Shrunk, 0, 2));

        Assert.Equal(CertificateFailure.NotANodeKey, verdict.Failure);
        Assert.Contains("in force at height 12", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_before_a_change_is_still_certified_by_the_keys_before_it()
    {
        var changes = Changes();

        var atChange = CertificateChain.Verify(ChainId, Genesis, changes[..2], changes[1].Certificate);
        var between = CertificateChain.Verify(ChainId, Genesis, changes[..1], Certify(6, Grown, 0, 1, 3));

        Assert.True(atChange.IsValid, atChange.Reason);
        Assert.True(between.IsValid, between.Reason);
    }

    [Fact]
    public void Leaving_a_change_out_is_refused_because_the_signers_named_another_set()
    {
        // k0, k1 and k3 are a majority of the grown set and of the shrunk one, so only the stated set can tell that a change is missing.
        var verdict = CertificateChain.Verify(ChainId, Genesis, Changes()[..1], Certify(12, Shrunk, 0, 1, 3));

        Assert.Equal(CertificateFailure.NodeSetMismatch, verdict.Failure);
    }

    [Fact]
    public void A_forged_change_signed_by_the_keys_it_adds_is_refused()
    {
        var forged = new NodeSetChange(Certify(5, Set(3, 4, 5), 3, 4), Set(3, 4, 5));

        var verdict = CertificateChain.Verify(ChainId, Genesis, [forged], Certify(9, Set(3, 4, 5), 4, 5));

        Assert.Equal(CertificateFailure.NotANodeKey, verdict.Failure);
        Assert.Contains("node-set change at height 5 does not hold", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_whose_listed_keys_are_not_the_certified_set_is_refused()
    {
        // A genesis quorum really certified height 5 naming the grown set; the chain swaps in other keys.
        var honest = Certify(5, Grown, 0, 1);

        var verdict = CertificateChain.Verify(ChainId, Genesis, [new NodeSetChange(honest, Set(0, 4, 5))], Certify(9, Set(0, 4, 5), 4, 5));

        Assert.Equal(CertificateFailure.NodeSetMismatch, verdict.Failure);
    }

    [Fact]
    public void A_quorum_of_a_set_that_never_existed_is_refused()
    {
        var verdict = CertificateChain.Verify(ChainId, Genesis, Changes(), Certify(12, Set(4, 5), 4, 5));

        Assert.Equal(CertificateFailure.NotANodeKey, verdict.Failure);
    }

    [Fact]
    public void Changes_out_of_order_beyond_the_certificate_or_changing_nothing_are_refused()
    {
        var changes = Changes();
        var target = Certify(12, Shrunk, 1, 3);
        var repeat = new NodeSetChange(Certify(3, Genesis, 0, 1), Genesis);

        Assert.Equal(CertificateFailure.BrokenNodeSetChain, CertificateChain.Verify(ChainId, Genesis, [changes[0], changes[0], changes[1]], target).Failure);
        Assert.Equal(CertificateFailure.BrokenNodeSetChain, CertificateChain.Verify(ChainId, Genesis, changes, Certify(7, Grown, 0, 1, 3)).Failure);
        Assert.Equal(CertificateFailure.BrokenNodeSetChain, CertificateChain.Verify(ChainId, Genesis, [repeat, .. changes], target).Failure);
    }

    [Fact]
    public void A_change_at_the_certificates_own_height_must_be_that_certificate()
    {
        var changes = Changes();
        var rival = Resign(changes[1].Certificate.Statement with { LogSize = 99 }, Shrunk, 0, 1);

        var verdict = CertificateChain.Verify(ChainId, Genesis, changes, rival);

        Assert.Equal(CertificateFailure.BrokenNodeSetChain, verdict.Failure);
    }

    public void Dispose()
    {
        foreach (var key in _k)
        {
            key.Dispose();
        }
    }

    private NodeSetChange[] Changes() =>
    [
        new(Certify(5, Grown, 0, 1), Grown),
        new(Certify(8, Shrunk, 0, 1, 3), Shrunk),
    ];

    private NodeSet Set(params int[] keys) => new(keys.Select(i => _k[i].PublicKey));

    /// <summary>A certificate of height <paramref name="height"/> naming <paramref name="next"/> as the set after it, signed by <paramref name="signers"/>.</summary>
    private CheckpointCertificate Certify(long height, NodeSet next, params int[] signers) =>
        Resign(new CheckpointStatement(ChainId, height, Hash("header", height), Hash("state", height), Hash("root", height), height * 2, next.Hash), next, signers);

    private CheckpointCertificate Resign(CheckpointStatement statement, NodeSet next, params int[] signers) =>
        new(statement with { NextNodeSet = next.Hash }, [.. signers.Select(i => CheckpointAttestation.Sign(statement with { NextNodeSet = next.Hash }, _k[i])).Select(a => new CheckpointSignature(a.Signer, a.Signature))]);

    private static Hash256 Hash(string what, long height) => DomainHash.Of(DomainTag.StateCommitment, System.Text.Encoding.UTF8.GetBytes($"{what}{height}"));
}
