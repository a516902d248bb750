using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Storage;
using Carechain.Testing;

namespace Carechain.Ledger.Tests.Checkpoints;

public sealed class CheckpointCertificateTests : IDisposable
{
    private const string ChainId = "certificate-test";
    private readonly SigningKey[] _nodes = [.. Enumerable.Range(0, 3).Select(_ => SigningKey.Generate())];
    private readonly CheckpointStatement _statement = new(
        ChainId, 10, DomainHash.Of(DomainTag.BlockHeader, "h"u8), DomainHash.Of(DomainTag.StateCommitment, "s"u8), DomainHash.Of(DomainTag.Checkpoint, "r"u8), 42, DomainHash.Of(DomainTag.NodeSet, "n"u8));

    private Ed25519PublicKey[] NodeKeys => [.. _nodes.Select(k => k.PublicKey)];

    [Fact]
    public void Quorum_is_a_strict_majority_of_the_node_keys()
    {
        Assert.Equal([1, 2, 2, 3, 3, 4], new[] { 1, 2, 3, 4, 5, 6 }.Select(CheckpointCertificate.QuorumOf));
    }

    [Fact]
    public void A_quorum_of_distinct_node_signatures_holds()
    {
        var verdict = Certificate(_nodes[0], _nodes[2]).Verify(ChainId, NodeKeys);
        Assert.True(verdict.IsValid, verdict.Reason);
    }

    [Fact]
    public void Below_quorum_is_refused()
    {
        Assert.Equal(CertificateFailure.BelowQuorum, Certificate(_nodes[1]).Verify(ChainId, NodeKeys).Failure);
    }

    [Fact]
    public void A_duplicate_signer_counts_once_and_is_refused()
    {
        Assert.Equal(CertificateFailure.DuplicateSigner, Certificate(_nodes[1], _nodes[1]).Verify(ChainId, NodeKeys).Failure);
    }

    [Fact]
    public void A_signer_outside_the_node_keys_is_refused_even_with_a_quorum_beside_it()
    {
        using var stranger = SigningKey.Generate();
        Assert.Equal(CertificateFailure.NotANodeKey, Certificate(_nodes[0], _nodes[1], stranger).Verify(ChainId, NodeKeys).Failure);
    }

    [Fact]
    public void A_forged_signature_is_refused()
    {
        var genuine = Certificate(_nodes[0], _nodes[1]);
        var forged = genuine with
        {
            Signatures = [genuine.Signatures[0], new CheckpointSignature(_nodes[1].PublicKey, genuine.Signatures[0].Signature)],
        };
        Assert.Equal(CertificateFailure.BadSignature, forged.Verify(ChainId, NodeKeys).Failure);
    }

    [Fact]
    public void A_signature_over_another_statement_is_refused()
    {
        var certificate = Certificate(_nodes[0], _nodes[1]) with { Statement = _statement with { LogSize = 43 } };
        Assert.Equal(CertificateFailure.BadSignature, certificate.Verify(ChainId, NodeKeys).Failure);
    }

    [Fact]
    public void A_certificate_of_another_chain_is_refused()
    {
        Assert.Equal(CertificateFailure.WrongChain, Certificate(_nodes[0], _nodes[1]).Verify("other-chain", NodeKeys).Failure);
    }

    [Fact]
    public void A_single_node_checkpoint_signature_is_not_an_attestation()
    {
        // Same domain tag, different format byte: a signed checkpoint cannot be replayed as a vote.
        var checkpoint = Checkpoint.Sign(ChainId, 10, _statement.HeaderHash, _statement.LogRoot, 42, _nodes[0]);
        var replayed = new CheckpointAttestation(_statement, _nodes[0].PublicKey, checkpoint.Signature!);
        Assert.False(replayed.HasValidSignature());
    }

    [Fact]
    public void Encoding_round_trips_and_refuses_trailing_bytes()
    {
        var certificate = Certificate(_nodes[0], _nodes[1]);
        var decoded = CheckpointCertificate.Decode(certificate.Encode());
        Assert.Equal(certificate.Statement, decoded.Statement);
        Assert.Equal(certificate.Signatures, decoded.Signatures);
        Assert.Throws<CodecException>(() => CheckpointCertificate.Decode([.. certificate.Encode(), 0]));
    }

    [Fact]
    public void The_store_keeps_certificates_by_height_and_finds_the_latest()
    {
        using var dir = new TempDirectory();
        using var store = LedgerStore.Open(dir.Path);
        Assert.Null(store.ReadLatestCertificate());
        store.PutCertificate(Certificate(_nodes[0], _nodes[1]));
        store.PutCertificate(new CheckpointCertificate(_statement with { Height = 9 }, []));
        Assert.Equal(10, store.ReadLatestCertificate()!.Statement.Height);
        Assert.Equal(_statement, store.ReadCertificate(10)!.Statement);
        Assert.Null(store.ReadCertificate(11));
    }

    public void Dispose()
    {
        foreach (var key in _nodes)
        {
            key.Dispose();
        }
    }

    private CheckpointCertificate Certificate(params SigningKey[] signers) =>
        new(_statement, [.. signers.Select(k => CheckpointAttestation.Sign(_statement, k)).Select(a => new CheckpointSignature(a.Signer, a.Signature))]);
}
