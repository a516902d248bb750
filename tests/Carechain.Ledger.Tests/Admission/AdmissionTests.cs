using Carechain.Core.Crypto;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Identity;
using Carechain.Testing;

namespace Carechain.Ledger.Tests.Admission;

public class AdmissionTests
{
    [Fact]
    public void Replayed_nonce_is_refused_with_nonce_replay()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        chain.Submit(TestChain.Anchor(author, 1));
        chain.CommitPending();

        var replay = chain.Submit(TestChain.Anchor(author, 1, "another"));

        Assert.Equal(AdmissionStatus.Refused, replay.Status);
        Assert.Equal(LedgerErrors.NonceReplay, replay.ErrorCode);
    }

    [Fact]
    public void Nonce_gap_is_refused_with_nonce_gap()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        chain.Submit(TestChain.Anchor(author, 1));

        var gap = chain.Submit(TestChain.Anchor(author, 3));

        Assert.Equal(LedgerErrors.NonceGap, gap.ErrorCode);
        Assert.Equal(1, chain.Mempool.Count);
    }

    [Fact]
    public void Same_transaction_twice_is_pending_then_committed_never_duplicated()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        var tx = TestChain.Anchor(author, 1);
        Assert.Equal(AdmissionStatus.Accepted, chain.Submit(tx).Status);
        Assert.Equal(AdmissionStatus.AlreadyPending, chain.Submit(tx).Status);
        chain.CommitPending();
        Assert.Equal(AdmissionStatus.AlreadyCommitted, chain.Submit(tx).Status);
        Assert.Equal(0, chain.Mempool.Count);
    }

    [Fact]
    public void Tampered_signature_is_refused_with_bad_signature()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        var bytes = TestChain.Anchor(author, 1).Encoded.ToArray();
        bytes[^1] ^= 0x01;

        var result = chain.Admission.Admit(bytes);

        Assert.Equal(LedgerErrors.BadSignature, result.ErrorCode);
        Assert.Equal(0, chain.Mempool.Count);
    }

    [Fact]
    public void A_transaction_object_made_here_is_admitted_with_every_check_but_a_second_verification()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();

        Assert.Equal(AdmissionStatus.Accepted, chain.Admission.Admit(TestChain.Anchor(author, 1)).Status);
        Assert.Equal(LedgerErrors.NonceReplay, chain.Admission.Admit(TestChain.Anchor(author, 1, "another")).ErrorCode);
        Assert.Equal(LedgerErrors.NonceGap, chain.Admission.Admit(TestChain.Anchor(author, 3)).ErrorCode);
        Assert.Equal(LedgerErrors.WrongChain, chain.Admission.Admit(TestChain.Anchor(author, 2, chainId: "elsewhere")).ErrorCode);
        Assert.Equal(1, chain.Mempool.Count);

        var second = TestChain.Anchor(author, 2);
        Assert.Equal(AdmissionStatus.Accepted, chain.Admission.Admit(second).Status);
        chain.CommitPending();
        Assert.Equal(AdmissionStatus.AlreadyCommitted, chain.Admission.Admit(second).Status);
        Assert.Equal(0, chain.Mempool.Count);
    }

    [Fact]
    public void A_transaction_object_decoded_from_bytes_has_its_signature_verified()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        var bytes = TestChain.Anchor(author, 1).Encoded.ToArray();
        bytes[^1] ^= 0x01;
        var decoded = Transaction.Decode(bytes);

        Assert.False(decoded.HasValidSignature());
        Assert.Equal(LedgerErrors.BadSignature, chain.Admission.Admit(decoded).ErrorCode);
        Assert.Equal(0, chain.Mempool.Count);
    }

    [Fact]
    public void Transaction_for_another_chain_is_refused()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();

        var result = chain.Submit(TestChain.Anchor(author, 1, chainId: "elsewhere"));

        Assert.Equal(LedgerErrors.WrongChain, result.ErrorCode);
    }

    [Fact]
    public void Unknown_module_and_operation_are_refused()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        Assert.Equal(LedgerErrors.UnknownModule, chain.Submit(Transaction.Create(author, TestChain.ChainId, 1, "ghost", "anchor", [])).ErrorCode);
        Assert.Equal(LedgerErrors.UnknownOperation, chain.Submit(Transaction.Create(author, TestChain.ChainId, 1, "notary", "erase", [])).ErrorCode);
        Assert.Equal(LedgerErrors.MalformedPayload, chain.Submit(Transaction.Create(author, TestChain.ChainId, 1, "notary", "anchor", [1, 2, 3])).ErrorCode);
    }

    [Fact]
    public void Revoked_key_is_refused_at_admission_and_in_a_block()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        chain.Submit(Transaction.Create(author, TestChain.ChainId, 1, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Ada", IdentityRole.Member)));
        chain.CommitPending();

        // Revoke and a later anchor in the same block: the anchor is ordered but rejected.
        chain.Submit(Transaction.Create(author, TestChain.ChainId, 2, IdentityModule.ModuleName, IdentityPayloads.Revoke, []));
        chain.Submit(TestChain.Anchor(author, 3));
        var block = chain.CommitPending();
        Assert.Equal(ReceiptStatus.Success, block.Receipts[0].Status);
        Assert.Equal(IdentityErrors.KeyRevoked, block.Receipts[1].ErrorCode);

        var later = chain.Submit(TestChain.Anchor(author, 4));
        Assert.Equal(IdentityErrors.KeyRevoked, later.ErrorCode);
    }

    [Fact]
    public void Rotated_key_hands_over_to_its_successor()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var oldKey = SigningKey.Generate();
        using var newKey = SigningKey.Generate();
        chain.Submit(Transaction.Create(oldKey, TestChain.ChainId, 1, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Ada", IdentityRole.Patient)));
        chain.Submit(Transaction.Create(oldKey, TestChain.ChainId, 2, IdentityModule.ModuleName, IdentityPayloads.Rotate, IdentityPayloads.EncodeRotate(TestChain.ChainId, oldKey.PublicKey, newKey)));
        var block = chain.CommitPending();
        Assert.All(block.Receipts, r => Assert.Equal(ReceiptStatus.Success, r.Status));

        Assert.Equal(IdentityErrors.KeyRotated, chain.Submit(TestChain.Anchor(oldKey, 3)).ErrorCode);
        Assert.Equal(AdmissionStatus.Accepted, chain.Submit(TestChain.Anchor(newKey, 1)).Status);
        var record = IdentityModule.Read(new Ledger.State.ModuleStateReader(chain.Store, IdentityModule.ModuleName), newKey.PublicKey)!;
        Assert.Equal(KeyStatus.Active, record.Status);
        Assert.Equal("Ada", record.DisplayName);
    }

    [Fact]
    public void Rotation_proof_signed_by_another_key_is_refused()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var oldKey = SigningKey.Generate();
        using var newKey = SigningKey.Generate();
        using var stranger = SigningKey.Generate();
        var payload = IdentityPayloads.EncodeRotate(TestChain.ChainId, oldKey.PublicKey, stranger);
        payload = [.. newKey.PublicKey.ToArray(), .. payload.AsSpan(32).ToArray()];

        var result = chain.Submit(Transaction.Create(oldKey, TestChain.ChainId, 1, IdentityModule.ModuleName, IdentityPayloads.Rotate, payload));

        Assert.Equal(IdentityErrors.InvalidRotationProof, result.ErrorCode);
    }

    [Fact]
    public void Privileged_role_cannot_be_self_registered()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();

        var result = chain.Submit(Transaction.Create(author, TestChain.ChainId, 1, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Dr Who", "clinician")));

        Assert.Equal(IdentityErrors.RoleRequiresAdmin, result.ErrorCode);
    }
}
