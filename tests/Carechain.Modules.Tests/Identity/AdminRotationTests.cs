using Carechain.Core.Crypto;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Tests.Support;
using Carechain.Testing;

namespace Carechain.Modules.Tests.Identity;

/// <summary>An organisation's admin key, founding ones included, rotates: the successor administers, the old key can do nothing.</summary>
public sealed class AdminRotationTests : IDisposable
{
    private readonly Consortium _net = new(organisations: 3, approvals: 2, lifetime: 10);

    [Fact]
    public void A_founding_admin_key_rotates_to_a_successor_that_administers_the_organisation()
    {
        var successor = _net.NewKey();

        var rotated = Rotate(_net.Admins[0], successor);

        Assert.Equal(ReceiptStatus.Success, rotated.Status);
        var permissions = _net.Permissions;
        Assert.True(permissions.IsAdminOf(Consortium.Org(1), successor.PublicKey));
        Assert.False(permissions.IsAdminOf(Consortium.Org(1), _net.Admins[0].PublicKey));
        Assert.Null(permissions.OrganisationOf(_net.Admins[0].PublicKey));
        var old = IdentityModule.Read(new Ledger.State.ModuleStateReader(_net.Chain.Store, IdentityModule.ModuleName), _net.Admins[0].PublicKey)!;
        Assert.Equal((KeyStatus.Rotated, successor.PublicKey), (old.Status, old.Successor));
        Assert.Contains(rotated.Events, e => e.Name == "identity.rotated");
    }

    [Fact]
    public void The_successor_registers_members_and_votes_and_the_old_key_is_refused_with_key_rotated()
    {
        var successor = _net.NewKey();
        Rotate(_net.Admins[0], successor);
        var nurse = _net.NewKey();

        var member = _net.AddMember(successor, nurse, "nurse", Consortium.Org(1));
        var proposal = _net.Propose(successor, new ChangePolicyAction(new GovernancePolicy(3, 10)));
        var oldVote = _net.Chain.Submit(_net.Sign(_net.Admins[0], GovernanceModule.ModuleName, GovernancePayloads.Approve, GovernancePayloads.EncodeApprove(proposal.TxId.Hash)));
        var oldMember = _net.Chain.Submit(_net.Sign(
            _net.Admins[0], IdentityModule.ModuleName, IdentityPayloads.AddMember, IdentityPayloads.EncodeAddMember(_net.NewKey().PublicKey, "Nurse", "nurse", Consortium.Org(1))));

        Assert.Equal(ReceiptStatus.Success, member.Status);
        Assert.Equal(Consortium.Org(1), _net.Permissions.OrganisationOf(nurse.PublicKey));
        Assert.Equal(ReceiptStatus.Success, proposal.Status);
        Assert.Equal((AdmissionStatus.Refused, IdentityErrors.KeyRotated), (oldVote.Status, oldVote.ErrorCode));
        Assert.Equal((AdmissionStatus.Refused, IdentityErrors.KeyRotated), (oldMember.Status, oldMember.ErrorCode));
    }

    [Fact]
    public void A_vote_by_the_old_key_ordered_after_the_rotation_gets_a_key_rotated_receipt()
    {
        var proposal = _net.Propose(_net.Admins[1], new ChangePolicyAction(new GovernancePolicy(3, 10)));
        var successor = _net.NewKey();

        // Both admitted while the old key was still active; the block orders the rotation first, so the
        // vote is refused in the block and the proposal (org 2's) is not adopted by it.
        var receipts = _net.Commit(
            _net.Sign(_net.Admins[0], IdentityModule.ModuleName, IdentityPayloads.Rotate, IdentityPayloads.EncodeRotate(TestChain.ChainId, _net.Admins[0].PublicKey, successor)),
            _net.Sign(_net.Admins[0], GovernanceModule.ModuleName, GovernancePayloads.Approve, GovernancePayloads.EncodeApprove(proposal.TxId.Hash)));

        Assert.Equal(ReceiptStatus.Success, receipts[0].Status);
        Assert.Equal(IdentityErrors.KeyRotated, receipts[1].ErrorCode);
        Assert.Equal(2, _net.Permissions.Policy.Approvals);
        Assert.Equal(ReceiptStatus.Success, _net.Approve(_net.Admins[2], proposal.TxId.Hash).Status);
        Assert.Equal(3, _net.Permissions.Policy.Approvals);
    }

    [Fact]
    public void The_old_and_the_new_key_of_one_organisation_count_as_one_vote()
    {
        var proposal = _net.Propose(_net.Admins[0], new ChangePolicyAction(new GovernancePolicy(3, 10)));
        var successor = _net.NewKey();
        Rotate(_net.Admins[0], successor);

        var again = _net.Approve(successor, proposal.TxId.Hash);

        Assert.Equal(GovernanceErrors.DoubleVote, again.ErrorCode);
        Assert.Equal(ReceiptStatus.Success, _net.Approve(_net.Admins[1], proposal.TxId.Hash).Status);
        Assert.Equal(3, _net.Permissions.Policy.Approvals);
    }

    [Fact]
    public void A_rotated_admin_key_rotates_again_and_cannot_be_rotated_to_a_used_key()
    {
        var second = _net.NewKey();
        var third = _net.NewKey();
        Rotate(_net.Admins[0], second);

        var toUsed = Rotate(second, _net.Admins[1]);
        var toOld = Rotate(second, _net.Admins[0]);
        var onward = Rotate(second, third);

        Assert.Equal(IdentityErrors.SuccessorInUse, toUsed.ErrorCode);
        Assert.Equal(IdentityErrors.SuccessorInUse, toOld.ErrorCode);
        Assert.Equal(ReceiptStatus.Success, onward.Status);
        Assert.True(_net.Permissions.IsAdminOf(Consortium.Org(1), third.PublicKey));
        Assert.False(_net.Permissions.IsAdminOf(Consortium.Org(1), second.PublicKey));
    }

    [Fact]
    public void An_admin_key_that_also_runs_a_node_is_not_rotated()
    {
        using var dev = new Consortium(organisations: 1, approvals: 1);
        var admin = dev.Admins[0];
        var granted = dev.Propose(admin, new AddNodeKeyAction(Consortium.Org(1), admin.PublicKey));

        var refused = dev.Run(admin, IdentityModule.ModuleName, IdentityPayloads.Rotate, IdentityPayloads.EncodeRotate(TestChain.ChainId, admin.PublicKey, dev.NewKey()));

        Assert.Equal(ReceiptStatus.Success, granted.Status);
        Assert.True(dev.Permissions.IsNodeKey(admin.PublicKey));
        Assert.Equal(IdentityErrors.KeyRunsANode, refused.ErrorCode);
        Assert.True(dev.Permissions.IsAdminOf(Consortium.Org(1), admin.PublicKey));
    }

    [Fact]
    public void A_key_that_is_neither_registered_nor_an_admin_cannot_rotate()
    {
        Assert.Equal(IdentityErrors.NotRegistered, Rotate(_net.NewKey(), _net.NewKey()).ErrorCode);
        Assert.Equal(IdentityErrors.NotRegistered, Rotate(_net.Nodes[1], _net.NewKey()).ErrorCode);
    }

    public void Dispose() => _net.Dispose();

    private Receipt Rotate(SigningKey key, SigningKey successor) =>
        _net.Run(key, IdentityModule.ModuleName, IdentityPayloads.Rotate, IdentityPayloads.EncodeRotate(TestChain.ChainId, key.PublicKey, successor));
}
