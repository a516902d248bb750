using Carechain.Client.Contracts;
using Carechain.Testing;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using CsCheck;

namespace Carechain.Client.Tests;

public sealed class OfflineProofVerifierTests : IClassFixture<OfflineProofVerifierTests.Log>
{
    private readonly TestLedger _ledger;

    public OfflineProofVerifierTests(Log log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _ledger = log.Ledger;
    }

    [Fact]
    public void A_proof_checked_against_its_own_checkpoint_holds()
    {
        var result = OfflineProofVerifier.Verify(_ledger.ProofFor(5, 12), _ledger.CheckpointAt(12));

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(ProofFailure.None, result.Failure);
        Assert.Contains(_ledger.TxIds[5].ToString(), result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_leaf_of_every_size_verifies_and_bridges_to_every_later_size()
    {
        Gen.Int[1, (int)_ledger.Size].SelectMany(size => Gen.Int[0, size - 1].SelectMany(index => Gen.Int[size, (int)_ledger.Size].Select(to => (size, index, to))))
            .Sample(t =>
            {
                var proof = _ledger.ProofFor(t.index, t.size, t.to == t.size ? null : t.to);
                var result = OfflineProofVerifier.Verify(proof, _ledger.CheckpointAt(t.to));
                Assert.True(result.IsValid, $"{t}: {result.Reason}");
            }, iter: 300);
    }

    [Fact]
    public void A_newer_checkpoint_with_a_consistency_proof_holds()
    {
        var result = OfflineProofVerifier.Verify(_ledger.ProofFor(2, 7, bridgeTo: 19), _ledger.CheckpointAt(19));

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void A_newer_checkpoint_without_a_consistency_proof_fails()
    {
        var result = OfflineProofVerifier.Verify(_ledger.ProofFor(2, 7), _ledger.CheckpointAt(19));

        AssertFails(ProofFailure.MissingConsistencyProof, result);
        Assert.Contains("no consistency proof", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_older_trusted_checkpoint_cannot_vouch_for_the_proof()
    {
        AssertFails(ProofFailure.CheckpointOlderThanProof, OfflineProofVerifier.Verify(_ledger.ProofFor(2, 12), _ledger.CheckpointAt(9)));
    }

    [Fact]
    public void A_tampered_path_element_fails()
    {
        var proof = _ledger.ProofFor(5, 12);
        var path = proof.Inclusion.Path.ToArray();
        path[1] = Flip(path[1]);

        AssertFails(ProofFailure.InclusionMismatch, Verify(proof with { Inclusion = proof.Inclusion with { Path = path } }, 12));
    }

    [Fact]
    public void A_dropped_or_extra_path_element_fails()
    {
        var proof = _ledger.ProofFor(5, 12);
        var shorter = proof.Inclusion with { Path = [.. proof.Inclusion.Path.Skip(1)] };
        var longer = proof.Inclusion with { Path = [.. proof.Inclusion.Path, proof.Inclusion.Path[0]] };

        AssertFails(ProofFailure.InclusionMismatch, Verify(proof with { Inclusion = shorter }, 12));
        AssertFails(ProofFailure.InclusionMismatch, Verify(proof with { Inclusion = longer }, 12));
    }

    [Fact]
    public void Another_transaction_id_fails()
    {
        var proof = _ledger.ProofFor(5, 12);

        AssertFails(ProofFailure.InclusionMismatch, Verify(proof with { Inclusion = proof.Inclusion with { TxId = _ledger.TxIds[6].ToString() } }, 12));
    }

    [Fact]
    public void Another_leaf_index_fails()
    {
        var proof = _ledger.ProofFor(5, 12);

        AssertFails(ProofFailure.InclusionMismatch, Verify(proof with { Inclusion = proof.Inclusion with { LeafIndex = 4 } }, 12));
        AssertFails(ProofFailure.InclusionMismatch, Verify(proof with { Inclusion = proof.Inclusion with { LeafIndex = 12 } }, 12));
        AssertFails(ProofFailure.InclusionMismatch, Verify(proof with { Inclusion = proof.Inclusion with { LeafIndex = -1 } }, 12));
    }

    [Fact]
    public void An_inclusion_proof_for_another_size_than_its_checkpoint_fails()
    {
        var proof = _ledger.ProofFor(5, 12) with { Inclusion = _ledger.InclusionFor(5, 13) };

        AssertFails(ProofFailure.MalformedProof, Verify(proof, 12));
    }

    [Fact]
    public void A_forged_trusted_checkpoint_signature_fails()
    {
        var trusted = _ledger.CheckpointAt(12);
        var otherSignature = _ledger.CheckpointAt(11).Signature;

        AssertFails(ProofFailure.BadSignature, OfflineProofVerifier.Verify(_ledger.ProofFor(5, 12), trusted with { Signature = otherSignature }));
    }

    [Fact]
    public void An_edited_signed_field_breaks_the_signature()
    {
        var trusted = _ledger.CheckpointAt(12);

        AssertFails(ProofFailure.BadSignature, OfflineProofVerifier.Verify(_ledger.ProofFor(5, 12), trusted with { Height = 99 }));
        AssertFails(ProofFailure.BadSignature, OfflineProofVerifier.Verify(_ledger.ProofFor(5, 12), trusted with { LogRoot = Flip(trusted.LogRoot) }));
    }

    [Fact]
    public void A_forged_signature_on_the_proofs_own_checkpoint_fails()
    {
        var proof = _ledger.ProofFor(5, 12);
        var forged = proof with { Checkpoint = proof.Checkpoint with { Signature = _ledger.CheckpointAt(11).Signature } };

        AssertFails(ProofFailure.BadSignature, Verify(forged, 12));
    }

    [Fact]
    public void Checkpoints_by_an_untrusted_signer_fail_and_trusted_ones_pass()
    {
        using var stranger = SigningKey.Generate();
        var proof = _ledger.ProofFor(5, 12);

        AssertFails(ProofFailure.UntrustedSigner, OfflineProofVerifier.Verify(proof, _ledger.CheckpointAt(12), [stranger.PublicKey]));
        AssertFails(ProofFailure.UntrustedSigner, OfflineProofVerifier.Verify(proof, _ledger.CheckpointAt(12), []));
        Assert.True(OfflineProofVerifier.Verify(proof, _ledger.CheckpointAt(12), [stranger.PublicKey, _ledger.NodeKey.PublicKey]).IsValid);
    }

    [Fact]
    public void A_proof_whose_checkpoint_is_signed_by_an_untrusted_key_fails_even_against_a_trusted_checkpoint()
    {
        using var stranger = SigningKey.Generate();
        var proof = _ledger.ProofFor(5, 12) with { Checkpoint = _ledger.CheckpointAt(12, stranger) };

        AssertFails(ProofFailure.UntrustedSigner, OfflineProofVerifier.Verify(proof, _ledger.CheckpointAt(12), [_ledger.NodeKey.PublicKey]));
    }

    [Fact]
    public void A_proof_from_another_chain_fails()
    {
        var proof = _ledger.ProofFor(5, 12) with { Checkpoint = _ledger.CheckpointAt(12, chainId: "other-chain") };

        AssertFails(ProofFailure.WrongChain, Verify(proof, 12));
    }

    [Fact]
    public void Two_signed_roots_for_the_same_size_are_a_fork()
    {
        using var otherLedger = new TestLedger(12);
        var trusted = ContractMapping.ToDto(Carechain.Ledger.Checkpoints.Checkpoint.Sign(
            TestLedger.ChainId, 12, Hash256.Zero, Hash256.Parse(otherLedger.CheckpointAt(12).LogRoot), 12, _ledger.NodeKey));

        AssertFails(ProofFailure.RootMismatch, OfflineProofVerifier.Verify(_ledger.ProofFor(5, 12), trusted));
    }

    [Fact]
    public void A_consistency_proof_for_the_wrong_sizes_or_with_a_tampered_path_fails()
    {
        var proof = _ledger.ProofFor(2, 7, bridgeTo: 19);
        var consistency = proof.Consistency!;
        var tampered = consistency.Path.ToArray();
        tampered[0] = Flip(tampered[0]);

        AssertFails(ProofFailure.ConsistencyMismatch, Verify(proof with { Consistency = _ledger.ConsistencyBetween(7, 18) }, 19));
        AssertFails(ProofFailure.ConsistencyMismatch, Verify(proof with { Consistency = _ledger.ConsistencyBetween(6, 19) }, 19));
        AssertFails(ProofFailure.ConsistencyMismatch, Verify(proof with { Consistency = consistency with { Path = tampered } }, 19));
    }

    [Fact]
    public void A_document_of_another_format_or_version_fails()
    {
        var proof = _ledger.ProofFor(5, 12);

        AssertFails(ProofFailure.MalformedProof, Verify(proof with { Format = "something-else" }, 12));
        AssertFails(ProofFailure.MalformedProof, Verify(proof with { Version = 2 }, 12));
    }

    [Fact]
    public void Malformed_fields_never_throw_and_always_fail()
    {
        var good = _ledger.ProofFor(5, 12, bridgeTo: 16);
        var trusted = _ledger.CheckpointAt(16);
        var junk = Gen.OneOf(
            Gen.Const((string?)null),
            Gen.Const<string?>(string.Empty),
            Gen.String[Gen.Char["0123456789abcdefABCDEFxyz \n"], 0, 140].Select(s => (string?)s),
            Gen.String.Select(s => (string?)s));
        var size = Gen.OneOf(Gen.Long, Gen.Long[-3, 20]);
        var mutation = Gen.Int[0, 13].Select(junk, size, (field, text, number) => (field, text, number));

        mutation.Sample(m =>
        {
            var (proof, checkpoint) = Mutate(good, trusted, m.field, m.text, m.number);
            var result = OfflineProofVerifier.Verify(proof, checkpoint);
            Assert.False(result.IsValid, $"mutation {m} was accepted");
            Assert.DoesNotContain('\n', result.Reason);
        }, iter: 2000);
    }

    private static (ProofFile Proof, CheckpointDto Trusted) Mutate(ProofFile proof, CheckpointDto trusted, int field, string? text, long number)
    {
        // Replacing a hex field by the junk text, or a size by the junk number, must never be accepted:
        // the junk is never the original value (those generators cannot produce 64 valid lower-case hex of the right value).
        var inclusion = proof.Inclusion;
        var consistency = proof.Consistency!;
        var embedded = proof.Checkpoint;
        return field switch
        {
            0 => (proof with { Inclusion = inclusion with { TxId = text! } }, trusted),
            1 => (proof with { Inclusion = inclusion with { Path = [.. inclusion.Path.Take(1), text!, .. inclusion.Path.Skip(2)] } }, trusted),
            2 => (proof with { Inclusion = inclusion with { Path = null! } }, trusted),
            3 => (proof with { Inclusion = inclusion with { TreeSize = number == 12 ? -1 : number } }, trusted),
            4 => (proof with { Checkpoint = embedded with { LogRoot = text! } }, trusted),
            5 => (proof with { Checkpoint = embedded with { Signature = text! } }, trusted),
            6 => (proof with { Checkpoint = embedded with { Signer = text! } }, trusted),
            7 => (proof with { Checkpoint = embedded with { ChainId = text! } }, trusted),
            8 => (proof, trusted with { HeaderHash = text! }),
            9 => (proof, trusted with { LogSize = number == 16 ? -1 : number }),
            10 => (proof with { Consistency = consistency with { Path = [text!, .. consistency.Path.Skip(1)] } }, trusted),
            11 => (proof with { Consistency = consistency with { FromSize = number == 12 ? -1 : number } }, trusted),
            12 => (proof with { Inclusion = null!, Checkpoint = null! }, trusted),
            _ => (proof, trusted with { Signature = text!, Height = number }),
        };
    }

    private ProofVerificationResult Verify(ProofFile proof, long trustedSize) => OfflineProofVerifier.Verify(proof, _ledger.CheckpointAt(trustedSize));

    private static void AssertFails(ProofFailure expected, ProofVerificationResult result)
    {
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.DoesNotContain('\n', result.Reason);
    }

    private static string Flip(string hex) => (hex[0] == '0' ? '1' : '0') + hex[1..];

    /// <summary>One 20-transaction log shared by the tests of this class; it is read-only.</summary>
    public sealed class Log : IDisposable
    {
        internal TestLedger Ledger { get; } = new(20);

        public void Dispose() => Ledger.Dispose();
    }
}
