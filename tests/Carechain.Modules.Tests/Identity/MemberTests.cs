using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Tests.Support;
using Carechain.Testing;

namespace Carechain.Modules.Tests.Identity;

public sealed class MemberTests : IDisposable
{
    private readonly Consortium _net = new();

    [Fact]
    public void Admin_registers_a_clinician_who_then_holds_the_role_for_that_organisation()
    {
        var clinician = _net.NewKey();

        var receipt = _net.AddMember(_net.Admins[0], clinician, "clinician", Consortium.Org(1));

        Assert.Equal(ReceiptStatus.Success, receipt.Status);
        Assert.Equal("clinician", _net.Permissions.RoleOf(clinician.PublicKey));
        Assert.Equal(Consortium.Org(1), _net.Permissions.OrganisationOf(clinician.PublicKey));
        Assert.Contains(receipt.Events, e => e.Name == "identity.member_added");
    }

    [Fact]
    public void A_registered_clinician_can_then_act()
    {
        var clinician = _net.NewKey();
        _net.AddMember(_net.Admins[0], clinician, "clinician", Consortium.Org(1));

        Assert.Equal(ReceiptStatus.Success, _net.Anchor(clinician).Status);
    }

    [Fact]
    public void A_member_with_the_admin_role_administers_their_organisation()
    {
        var deputy = _net.NewKey();
        var nurse = _net.NewKey();
        _net.AddMember(_net.Admins[0], deputy, IdentityRole.Admin, Consortium.Org(1));

        var receipt = _net.AddMember(deputy, nurse, "nurse", Consortium.Org(1));

        Assert.Equal(ReceiptStatus.Success, receipt.Status);
        Assert.True(_net.Permissions.IsAdminOf(Consortium.Org(1), deputy.PublicKey));
        Assert.Equal("nurse", _net.Permissions.RoleOf(nurse.PublicKey));
    }

    [Fact]
    public void A_non_admin_cannot_register_members_with_not_an_admin()
    {
        var clinician = _net.NewKey();
        _net.AddMember(_net.Admins[0], clinician, "clinician", Consortium.Org(1));
        var stranger = _net.NewKey();

        Assert.Equal(GovernanceErrors.NotAnAdmin, _net.AddMember(clinician, _net.NewKey(), "nurse", Consortium.Org(1)).ErrorCode);
        Assert.Equal(GovernanceErrors.NotAnAdmin, _net.AddMember(stranger, _net.NewKey(), "nurse", Consortium.Org(1)).ErrorCode);
        Assert.Equal(GovernanceErrors.NotAnAdmin, _net.AddMember(_net.Nodes[0], _net.NewKey(), "nurse", Consortium.Org(1)).ErrorCode);
    }

    [Fact]
    public void An_admin_cannot_register_members_for_another_organisation()
    {
        var receipt = _net.AddMember(_net.Admins[1], _net.NewKey(), "clinician", Consortium.Org(1));

        Assert.Equal(GovernanceErrors.NotAnAdmin, receipt.ErrorCode);
    }

    [Fact]
    public void Registering_a_member_of_an_unknown_organisation_is_refused()
    {
        var receipt = _net.AddMember(_net.Admins[0], _net.NewKey(), "clinician", Ledger.Genesis.OrganisationId.Parse("nowhere"));

        Assert.Equal(GovernanceErrors.UnknownOrganisation, receipt.ErrorCode);
    }

    [Fact]
    public void A_key_belongs_to_at_most_one_organisation()
    {
        var clinician = _net.NewKey();
        _net.AddMember(_net.Admins[0], clinician, "clinician", Consortium.Org(1));

        Assert.Equal(IdentityErrors.AlreadyRegistered, _net.AddMember(_net.Admins[1], clinician, "clinician", Consortium.Org(2)).ErrorCode);
        Assert.Equal(GovernanceErrors.KeyInUse, _net.AddMember(_net.Admins[1], _net.Admins[0], "auditor", Consortium.Org(2)).ErrorCode);
        Assert.Equal(GovernanceErrors.KeyInUse, _net.AddMember(_net.Admins[0], _net.Nodes[0], "auditor", Consortium.Org(1)).ErrorCode);
        Assert.Equal(Consortium.Org(1), _net.Permissions.OrganisationOf(clinician.PublicKey));
    }

    [Fact]
    public void A_revoked_members_next_transaction_fails_with_key_revoked()
    {
        var clinician = _net.NewKey();
        _net.AddMember(_net.Admins[0], clinician, "clinician", Consortium.Org(1));

        // Both in one block: the revocation executes first, so the guard refuses the clinician's anchor.
        var receipts = _net.Commit(
            _net.Sign(_net.Admins[0], IdentityModule.ModuleName, IdentityPayloads.RevokeMember, IdentityPayloads.EncodeRevokeMember(clinician.PublicKey)),
            TestChain.Anchor(clinician, 1));
        var later = _net.Chain.Submit(TestChain.Anchor(clinician, 2));

        Assert.Equal(ReceiptStatus.Success, receipts[0].Status);
        Assert.Equal(ReceiptStatus.Rejected, receipts[1].Status);
        Assert.Equal(IdentityErrors.KeyRevoked, receipts[1].ErrorCode);
        Assert.Equal(AdmissionStatus.Refused, later.Status);
        Assert.Equal(IdentityErrors.KeyRevoked, later.ErrorCode);
        Assert.Null(_net.Permissions.RoleOf(clinician.PublicKey));
    }

    [Fact]
    public void Only_an_admin_of_the_members_organisation_revokes_them()
    {
        var clinician = _net.NewKey();
        _net.AddMember(_net.Admins[0], clinician, "clinician", Consortium.Org(1));

        Assert.Equal(GovernanceErrors.NotAnAdmin, _net.RevokeMember(_net.Admins[1], clinician).ErrorCode);
        Assert.Equal("clinician", _net.Permissions.RoleOf(clinician.PublicKey));
        Assert.Equal(ReceiptStatus.Success, _net.RevokeMember(_net.Admins[0], clinician).Status);
        Assert.Equal(IdentityErrors.AlreadyRevoked, _net.RevokeMember(_net.Admins[0], clinician).ErrorCode);
    }

    [Fact]
    public void Revoking_a_self_registered_key_is_not_an_admins_business()
    {
        var patient = _net.NewKey();
        _net.Run(patient, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Pat", IdentityRole.Patient));

        Assert.Equal(IdentityErrors.NotAMember, _net.RevokeMember(_net.Admins[0], patient).ErrorCode);
        Assert.Equal(IdentityErrors.NotRegistered, _net.RevokeMember(_net.Admins[0], _net.NewKey()).ErrorCode);
    }

    [Fact]
    public void Self_registration_of_a_privileged_role_is_refused_with_role_requires_admin()
    {
        var key = _net.NewKey();

        var result = _net.Chain.Submit(_net.Sign(key, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Dr Self", "clinician")));

        Assert.Equal(IdentityErrors.RoleRequiresAdmin, result.ErrorCode);
    }

    [Fact]
    public void An_organisation_key_cannot_self_register_as_a_person()
    {
        var receipt = _net.Run(_net.Admins[0], IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Me", IdentityRole.Patient));

        Assert.Equal(GovernanceErrors.KeyInUse, receipt.ErrorCode);
        Assert.Equal(IdentityRole.Admin, _net.Permissions.RoleOf(_net.Admins[0].PublicKey));
    }

    [Fact]
    public void Admins_cannot_make_a_member_a_patient()
    {
        var result = _net.Chain.Submit(_net.Sign(
            _net.Admins[0], IdentityModule.ModuleName, IdentityPayloads.AddMember,
            IdentityPayloads.EncodeAddMember(_net.NewKey().PublicKey, "Pat", IdentityRole.Patient, Consortium.Org(1))));

        Assert.Equal(IdentityErrors.UnknownRole, result.ErrorCode);
    }

    [Fact]
    public void Founding_keys_answer_admin_and_node_and_strangers_nothing()
    {
        var permissions = _net.Permissions;

        Assert.Equal(IdentityRole.Admin, permissions.RoleOf(_net.Admins[2].PublicKey));
        Assert.Equal(IdentityRole.Node, permissions.RoleOf(_net.Nodes[2].PublicKey));
        Assert.True(permissions.IsNodeKey(_net.Nodes[2].PublicKey));
        Assert.Equal(Consortium.Org(3), permissions.OrganisationOf(_net.Nodes[2].PublicKey));
        Assert.Null(permissions.RoleOf(_net.NewKey().PublicKey));
        Assert.Null(permissions.AdminOrganisationOf(_net.Nodes[0].PublicKey));
    }

    public void Dispose() => _net.Dispose();
}
