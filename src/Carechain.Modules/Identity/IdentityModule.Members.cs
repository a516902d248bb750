using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;

namespace Carechain.Modules.Identity;

/// <summary>Members: registered and revoked by an admin of their organisation, never by themselves.</summary>
public sealed partial class IdentityModule
{
    private static string? CheckMember(string name, string role)
    {
        if (!IsDisplayName(name))
        {
            return IdentityErrors.InvalidDisplayName;
        }

        // Patients register themselves and belong to no organisation.
        return IdentityRole.MemberRoles.Contains(role) ? null : IdentityErrors.UnknownRole;
    }

    private static ModuleResult AddMember(IStateReader state, Permissions permissions, Transaction tx, BlockContext block)
    {
        var (member, name, role, organisation) = IdentityPayloads.DecodeAddMember(tx.Payload.Span);
        if (!permissions.IsCurrent(organisation))
        {
            return ModuleResult.Fail(GovernanceErrors.UnknownOrganisation);
        }

        if (!permissions.IsAdminOf(organisation, tx.Author))
        {
            return ModuleResult.Fail(GovernanceErrors.NotAnAdmin);
        }

        if (Read(state, member) is not null)
        {
            return ModuleResult.Fail(IdentityErrors.AlreadyRegistered);
        }

        if (permissions.IsKeyInUse(member))
        {
            return ModuleResult.Fail(GovernanceErrors.KeyInUse);
        }

        var record = new IdentityRecord(name, role, KeyStatus.Active, block.Height, block.Height, null, organisation);
        return ModuleResult.Ok(
            [new StateWrite(Key(member), record.Encode())],
            LedgerEvent.Of("identity.member_added", ("key", member.ToString()), ("organisation", organisation.Value), ("role", role)));
    }

    private static ModuleResult RevokeMember(IStateReader state, Permissions permissions, Transaction tx, BlockContext block)
    {
        var member = IdentityPayloads.DecodeRevokeMember(tx.Payload.Span);
        var record = Read(state, member);
        if (record is null)
        {
            return ModuleResult.Fail(IdentityErrors.NotRegistered);
        }

        if (record.Organisation is not { } organisation)
        {
            return ModuleResult.Fail(IdentityErrors.NotAMember);
        }

        if (!permissions.IsAdminOf(organisation, tx.Author))
        {
            return ModuleResult.Fail(GovernanceErrors.NotAnAdmin);
        }

        if (record.Status != KeyStatus.Active)
        {
            return ModuleResult.Fail(IdentityErrors.AlreadyRevoked);
        }

        var revoked = record with { Status = KeyStatus.Revoked, ChangedHeight = block.Height };
        return ModuleResult.Ok(
            [new StateWrite(Key(member), revoked.Encode())],
            LedgerEvent.Of("identity.member_revoked", ("key", member.ToString()), ("organisation", organisation.Value)));
    }

    /// <summary>
    /// Whether governance removed <paramref name="organisation"/>. Removal always writes the
    /// organisation's record, so the guard needs no genesis document to see it.
    /// </summary>
    private static bool IsRemoved(IStateReader state, OrganisationId organisation) =>
        state is ModuleStateReader view && ConsortiumState.IsRemoved(view.ViewOf(GovernanceModule.ModuleName), organisation);

    private static bool IsDisplayName(string name) => name.Length != 0 && name.Trim().Length == name.Length && !name.Any(char.IsControl);
}
