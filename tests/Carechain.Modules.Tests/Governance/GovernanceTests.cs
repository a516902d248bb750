using Carechain.Core.Crypto;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Tests.Support;

namespace Carechain.Modules.Tests.Governance;

public sealed class GovernanceTests : IDisposable
{
    private readonly Consortium _net = new(organisations: 3, approvals: 2, lifetime: 5);

    [Fact]
    public void Two_of_three_approvals_add_the_organisation_in_the_block_of_the_second()
    {
        var pharmacy = _net.NewOrganisation("pharmacy", out var pharmacyAdmin);

        var proposed = _net.Propose(_net.Admins[0], new AddOrganisationAction(pharmacy));
        var notYet = _net.Permissions.IsCurrent(pharmacy.Id);
        var approved = _net.Approve(_net.Admins[1], proposed.TxId.Hash);

        Assert.Equal(ReceiptStatus.Success, proposed.Status);
        Assert.False(notYet);
        Assert.Equal(ReceiptStatus.Success, approved.Status);
        Assert.Contains(approved.Events, e => e.Name == "governance.adopted");
        var record = _net.Permissions.Organisation(pharmacy.Id)!;
        Assert.Equal(OrganisationStatus.Active, record.Status);
        Assert.Equal(approved.Height, record.ChangedHeight);
        Assert.Equal(4, _net.Permissions.CurrentOrganisations().Count);
        Assert.True(_net.Permissions.IsAdminOf(pharmacy.Id, pharmacyAdmin.PublicKey));
        Assert.True(_net.Permissions.IsNodeKey(pharmacy.NodeKeys[0]));
    }

    [Fact]
    public void An_admitted_organisations_admin_can_register_members_and_vote()
    {
        var pharmacy = _net.NewOrganisation("pharmacy", out var pharmacyAdmin);
        _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new AddOrganisationAction(pharmacy)).TxId.Hash);
        var pharmacist = _net.NewKey();

        var member = _net.AddMember(pharmacyAdmin, pharmacist, "pharmacist", pharmacy.Id);
        var proposal = _net.Propose(pharmacyAdmin, new ChangePolicyAction(new GovernancePolicy(3, 5)));

        Assert.Equal(ReceiptStatus.Success, member.Status);
        Assert.Equal(ReceiptStatus.Success, proposal.Status);
    }

    [Fact]
    public void A_proposal_by_a_non_admin_is_refused_with_not_an_admin()
    {
        var clinician = _net.NewKey();
        _net.AddMember(_net.Admins[0], clinician, "clinician", Consortium.Org(1));
        var action = new AddOrganisationAction(_net.NewOrganisation("intruder", out _));

        Assert.Equal(GovernanceErrors.NotAnAdmin, _net.Propose(_net.NewKey(), action).ErrorCode);
        Assert.Equal(GovernanceErrors.NotAnAdmin, _net.Propose(clinician, action).ErrorCode);
        Assert.Equal(GovernanceErrors.NotAnAdmin, _net.Propose(_net.Nodes[1], action).ErrorCode);
        Assert.Equal(3, _net.Permissions.CurrentOrganisations().Count);
    }

    [Fact]
    public void A_vote_by_a_non_admin_is_refused_with_not_an_admin()
    {
        var proposal = _net.Propose(_net.Admins[0], new AddOrganisationAction(_net.NewOrganisation("pharmacy", out _))).TxId.Hash;

        Assert.Equal(GovernanceErrors.NotAnAdmin, _net.Approve(_net.NewKey(), proposal).ErrorCode);
        Assert.Equal(GovernanceErrors.NotAnAdmin, _net.Approve(_net.Nodes[2], proposal).ErrorCode);
        Assert.False(_net.Permissions.IsCurrent(OrganisationId.Parse("pharmacy")));
    }

    [Fact]
    public void A_second_vote_of_the_same_organisation_is_refused_with_double_vote()
    {
        var deputy = _net.NewKey();
        _net.AddMember(_net.Admins[0], deputy, IdentityRole.Admin, Consortium.Org(1));
        var proposal = _net.Propose(_net.Admins[0], new AddOrganisationAction(_net.NewOrganisation("pharmacy", out _))).TxId.Hash;

        Assert.Equal(GovernanceErrors.DoubleVote, _net.Approve(_net.Admins[0], proposal).ErrorCode);
        Assert.Equal(GovernanceErrors.DoubleVote, _net.Approve(deputy, proposal).ErrorCode);
        Assert.False(_net.Permissions.IsCurrent(OrganisationId.Parse("pharmacy")));
    }

    [Fact]
    public void A_vote_after_the_proposal_lifetime_is_refused_with_proposal_expired()
    {
        var proposed = _net.Propose(_net.Admins[0], new AddOrganisationAction(_net.NewOrganisation("pharmacy", out _)));
        _net.AdvanceTo(proposed.Height + 5);

        var late = _net.Approve(_net.Admins[1], proposed.TxId.Hash);

        Assert.Equal(proposed.Height + 6, late.Height);
        Assert.Equal(GovernanceErrors.ProposalExpired, late.ErrorCode);
        Assert.False(_net.Permissions.IsCurrent(OrganisationId.Parse("pharmacy")));
    }

    [Fact]
    public void A_vote_in_the_last_block_of_the_lifetime_still_counts()
    {
        var proposed = _net.Propose(_net.Admins[0], new AddOrganisationAction(_net.NewOrganisation("pharmacy", out _)));
        _net.AdvanceTo(proposed.Height + 4);

        var approved = _net.Approve(_net.Admins[1], proposed.TxId.Hash);

        Assert.Equal(proposed.Height + 5, approved.Height);
        Assert.Equal(ReceiptStatus.Success, approved.Status);
    }

    [Fact]
    public void A_vote_on_an_adopted_proposal_is_refused_with_proposal_closed()
    {
        var proposal = _net.Propose(_net.Admins[0], new AddOrganisationAction(_net.NewOrganisation("pharmacy", out _))).TxId.Hash;
        _net.Approve(_net.Admins[1], proposal);

        Assert.Equal(GovernanceErrors.ProposalClosed, _net.Approve(_net.Admins[2], proposal).ErrorCode);
    }

    [Fact]
    public void A_vote_on_an_unknown_proposal_is_refused_with_unknown_proposal()
    {
        var receipt = _net.Approve(_net.Admins[1], Core.Hashing.Hash256.Sha256("no such proposal"u8));

        Assert.Equal(GovernanceErrors.UnknownProposal, receipt.ErrorCode);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(4, 5)]
    [InlineData(2, 0)]
    public void A_policy_outside_one_to_n_or_without_a_lifetime_is_refused_with_invalid_policy(int approvals, long lifetime)
    {
        var receipt = _net.Propose(_net.Admins[0], new ChangePolicyAction(new GovernancePolicy(approvals, lifetime)));

        Assert.Equal(GovernanceErrors.InvalidPolicy, receipt.ErrorCode);
    }

    [Fact]
    public void An_adopted_policy_change_sets_the_threshold_for_later_proposals()
    {
        _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new ChangePolicyAction(new GovernancePolicy(3, 5))).TxId.Hash);

        var proposal = _net.Propose(_net.Admins[0], new AddOrganisationAction(_net.NewOrganisation("pharmacy", out _))).TxId.Hash;
        _net.Approve(_net.Admins[1], proposal);
        var afterTwo = _net.Permissions.IsCurrent(OrganisationId.Parse("pharmacy"));
        _net.Approve(_net.Admins[2], proposal);

        Assert.Equal(3, _net.Permissions.Policy.Approvals);
        Assert.False(afterTwo);
        Assert.True(_net.Permissions.IsCurrent(OrganisationId.Parse("pharmacy")));
    }

    [Fact]
    public void A_removed_organisations_admins_and_members_lose_their_privileges()
    {
        var clinician = _net.NewKey();
        _net.AddMember(_net.Admins[2], clinician, "clinician", Consortium.Org(3));

        var removed = _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new RemoveOrganisationAction(Consortium.Org(3))).TxId.Hash);

        Assert.Equal(ReceiptStatus.Success, removed.Status);
        Assert.Equal(OrganisationStatus.Removed, _net.Permissions.Organisation(Consortium.Org(3))!.Status);
        Assert.DoesNotContain(_net.Nodes[2].PublicKey, _net.Permissions.NodeKeys());
        Assert.Equal(GovernanceErrors.NotAnAdmin, _net.Propose(_net.Admins[2], new ChangePolicyAction(new GovernancePolicy(1, 5))).ErrorCode);
        Assert.Null(_net.Permissions.RoleOf(clinician.PublicKey));
        Assert.Equal(GovernanceErrors.OrganisationRemoved, _net.Chain.Submit(Testing.TestChain.Anchor(clinician, 1)).ErrorCode);
    }

    [Fact]
    public void A_keys_standing_is_its_organisation_and_role_together_before_and_after_its_organisation_is_removed()
    {
        var clinician = _net.NewKey();
        _net.AddMember(_net.Admins[2], clinician, "clinician", Consortium.Org(3));
        Ed25519PublicKey[] keys = [clinician.PublicKey, _net.Admins[2].PublicKey, _net.Nodes[2].PublicKey, _net.Admins[0].PublicKey, _net.NewKey().PublicKey];

        var before = keys.Select(_net.Permissions.StandingOf).ToArray();
        Assert.Equal(new KeyStanding(Consortium.Org(3), "clinician"), before[0]);
        Assert.Equal(new KeyStanding(Consortium.Org(3), IdentityRole.Admin), before[1]);
        Assert.Equal(new KeyStanding(Consortium.Org(3), IdentityRole.Node), before[2]);
        Assert.Equal(new KeyStanding(null, null), before[4]);

        _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new RemoveOrganisationAction(Consortium.Org(3))).TxId.Hash);

        foreach (var key in keys)
        {
            Assert.Equal(new KeyStanding(_net.Permissions.OrganisationOf(key), _net.Permissions.RoleOf(key)), _net.Permissions.StandingOf(key));
        }

        Assert.Equal(new KeyStanding(null, null), _net.Permissions.StandingOf(clinician.PublicKey));
        Assert.Equal(new KeyStanding(Consortium.Org(1), IdentityRole.Admin), _net.Permissions.StandingOf(_net.Admins[0].PublicKey));
    }

    [Fact]
    public void Removing_an_organisation_that_would_leave_fewer_than_m_is_refused()
    {
        _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new ChangePolicyAction(new GovernancePolicy(3, 5))).TxId.Hash);

        var receipt = _net.Propose(_net.Admins[0], new RemoveOrganisationAction(Consortium.Org(3)));

        Assert.Equal(GovernanceErrors.InvalidPolicy, receipt.ErrorCode);
    }

    [Fact]
    public void Adding_an_existing_organisation_or_a_used_key_is_refused()
    {
        var copy = new Organisation(Consortium.Org(2), "Again", OrganisationKind.Clinic, [_net.NewKey().PublicKey], []);
        var stolen = new Organisation(OrganisationId.Parse("thief"), "Thief", OrganisationKind.Clinic, [_net.Admins[1].PublicKey], []);

        Assert.Equal(GovernanceErrors.OrganisationExists, _net.Propose(_net.Admins[0], new AddOrganisationAction(copy)).ErrorCode);
        Assert.Equal(GovernanceErrors.KeyInUse, _net.Propose(_net.Admins[0], new AddOrganisationAction(stolen)).ErrorCode);
    }

    [Fact]
    public void Node_keys_are_added_and_removed_by_vote_but_never_the_last()
    {
        using var spare = SigningKey.Generate();
        var added = _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new AddNodeKeyAction(Consortium.Org(1), spare.PublicKey)).TxId.Hash);
        var removed = _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new RemoveNodeKeyAction(Consortium.Org(2), _net.Nodes[1].PublicKey)).TxId.Hash);

        Assert.Equal(ReceiptStatus.Success, added.Status);
        Assert.Equal(ReceiptStatus.Success, removed.Status);
        Assert.Equal([_net.Nodes[0].PublicKey, spare.PublicKey, _net.Nodes[2].PublicKey], _net.Permissions.NodeKeys());
        Assert.Equal(GovernanceErrors.UnknownNodeKey, _net.Propose(_net.Admins[0], new RemoveNodeKeyAction(Consortium.Org(2), _net.Nodes[1].PublicKey)).ErrorCode);
        Assert.Equal(GovernanceErrors.KeyInUse, _net.Propose(_net.Admins[0], new AddNodeKeyAction(Consortium.Org(3), _net.Nodes[1].PublicKey)).ErrorCode);
    }

    [Fact]
    public void The_last_node_key_of_the_consortium_cannot_be_removed()
    {
        using var single = new Consortium(organisations: 1, approvals: 1);

        var receipt = single.Propose(single.Admins[0], new RemoveNodeKeyAction(Consortium.Org(1), single.Nodes[0].PublicKey));

        Assert.Equal(GovernanceErrors.LastNodeKey, receipt.ErrorCode);
    }

    [Fact]
    public void With_m_of_one_a_proposal_takes_effect_in_its_own_block()
    {
        using var single = new Consortium(organisations: 1, approvals: 1);
        var clinic = single.NewOrganisation("clinic", out _);

        var receipt = single.Propose(single.Admins[0], new AddOrganisationAction(clinic));

        Assert.Contains(receipt.Events, e => e.Name == "governance.adopted");
        Assert.True(single.Permissions.IsCurrent(clinic.Id));
    }

    [Fact]
    public void Governance_state_survives_a_restart_and_passes_the_offline_verifier()
    {
        var pharmacy = _net.NewOrganisation("pharmacy", out _);
        _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new AddOrganisationAction(pharmacy)).TxId.Hash);
        var path = _net.Chain.Path;
        _net.Chain.Dispose();

        var report = new Ledger.Verification.StoreVerifier(ChainModules.Create()).Verify(path);

        Assert.True(report.Intact, report.Reason);
    }

    public void Dispose() => _net.Dispose();
}
