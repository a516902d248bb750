using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;

namespace Carechain.Modules.Identity;

/// <summary>
/// Keys and who holds them: a key registers itself with a display name and a self-registrable
/// role, rotates to a successor (proving it holds the new key) or revokes itself; an organisation
/// admin registers members of that organisation with privileged roles and revokes them. A key
/// has at most one identity and belongs to at most one organisation. As a guard it refuses every
/// later transaction of a rotated or revoked key, and of a member of a removed organisation, in
/// every module.
/// </summary>
public sealed partial class IdentityModule : ILedgerModule, ITransactionGuard
{
    public const string ModuleName = "identity";

    public string Name => ModuleName;

    public string Namespace => ModuleName;

    public bool HandlesOperation(string operation) =>
        operation is IdentityPayloads.Register or IdentityPayloads.Rotate or IdentityPayloads.Revoke
            or IdentityPayloads.AddMember or IdentityPayloads.RevokeMember;

    public string? CheckPayload(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            switch (transaction.Operation)
            {
                case IdentityPayloads.Register:
                    var (name, role) = IdentityPayloads.DecodeRegister(transaction.Payload.Span);
                    return CheckRegistration(name, role);
                case IdentityPayloads.Rotate:
                    var (newKey, proof) = IdentityPayloads.DecodeRotate(transaction.Payload.Span);
                    var message = IdentityPayloads.RotationMessage(transaction.ChainId, transaction.Author, newKey);
                    return newKey.Verify(DomainTag.KeyRotation, message, proof) ? null : IdentityErrors.InvalidRotationProof;
                case IdentityPayloads.AddMember:
                    var (_, memberName, memberRole, _) = IdentityPayloads.DecodeAddMember(transaction.Payload.Span);
                    return CheckMember(memberName, memberRole);
                case IdentityPayloads.RevokeMember:
                    IdentityPayloads.DecodeRevokeMember(transaction.Payload.Span);
                    return null;
                default:
                    return transaction.Payload.IsEmpty ? null : LedgerErrors.MalformedPayload;
            }
        }
        catch (CodecException)
        {
            return LedgerErrors.MalformedPayload;
        }
    }

    public string? Check(IStateReader state, Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transaction);
        var record = Read(state, transaction.Author);
        return record?.Status switch
        {
            KeyStatus.Revoked => IdentityErrors.KeyRevoked,
            KeyStatus.Rotated => IdentityErrors.KeyRotated,
            KeyStatus.Active when record.Organisation is { } organisation && IsRemoved(state, organisation) => GovernanceErrors.OrganisationRemoved,
            _ => null,
        };
    }

    public ModuleResult Execute(IStateReader state, Transaction transaction, BlockContext block)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(block);
        var refusal = CheckPayload(transaction);
        if (refusal is not null)
        {
            return ModuleResult.Fail(refusal);
        }

        var permissions = Permissions.InModule(state, block);
        var current = Read(state, transaction.Author);
        return transaction.Operation switch
        {
            IdentityPayloads.Register => RegisterKey(permissions, transaction, block, current),
            IdentityPayloads.Rotate => RotateKey(permissions, transaction, block, current),
            IdentityPayloads.Revoke => RevokeKey(transaction, block, current),
            IdentityPayloads.AddMember => AddMember(state, permissions, transaction, block),
            _ => RevokeMember(state, permissions, transaction, block),
        };
    }

    /// <summary>The identity record of a key, or null if it never registered.</summary>
    public static IdentityRecord? Read(IStateReader state, Ed25519PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bytes = state.Get(Key(key));
        return bytes is null ? null : IdentityRecord.Decode(bytes);
    }

    internal static byte[] Key(Ed25519PublicKey key) => StateKeys.Tagged('k', key);

    private static string? CheckRegistration(string name, string role)
    {
        if (!IsDisplayName(name))
        {
            return IdentityErrors.InvalidDisplayName;
        }

        if (IdentityRole.SelfRegistrable.Contains(role))
        {
            return null;
        }

        return IdentityRole.AdminGranted.Contains(role) ? IdentityErrors.RoleRequiresAdmin : IdentityErrors.UnknownRole;
    }

    private static ModuleResult RegisterKey(Permissions permissions, Transaction tx, BlockContext block, IdentityRecord? current)
    {
        if (current is not null)
        {
            return ModuleResult.Fail(IdentityErrors.AlreadyRegistered);
        }

        if (permissions.IsKeyInUse(tx.Author))
        {
            // An organisation's own admin or node key acts for the organisation, never as a private person.
            return ModuleResult.Fail(GovernanceErrors.KeyInUse);
        }

        var (name, role) = IdentityPayloads.DecodeRegister(tx.Payload.Span);
        var record = new IdentityRecord(name, role, KeyStatus.Active, block.Height, block.Height, null);
        return ModuleResult.Ok(
            [new StateWrite(Key(tx.Author), record.Encode())],
            LedgerEvent.Of("identity.registered", ("key", tx.Author.ToString()), ("role", role)));
    }

    private static ModuleResult RotateKey(Permissions permissions, Transaction tx, BlockContext block, IdentityRecord? current)
    {
        var (newKey, _) = IdentityPayloads.DecodeRotate(tx.Payload.Span);
        if (current is null)
        {
            return permissions.AdminOrganisationOf(tx.Author) is { } organisation
                ? RotateOrganisationAdminKey(permissions, tx, block, organisation, newKey)
                : ModuleResult.Fail(IdentityErrors.NotRegistered);
        }

        if (permissions.IsKeyInUse(newKey))
        {
            return ModuleResult.Fail(IdentityErrors.SuccessorInUse);
        }

        var retired = current with { Status = KeyStatus.Rotated, ChangedHeight = block.Height, Successor = newKey };
        var successor = current with { ChangedHeight = block.Height };
        return ModuleResult.Ok(
            [new StateWrite(Key(tx.Author), retired.Encode()), new StateWrite(Key(newKey), successor.Encode())],
            LedgerEvent.Of("identity.rotated", ("key", tx.Author.ToString()), ("successor", newKey.ToString())));
    }

    /// <summary>
    /// Rotates an organisation's own admin key (named in genesis or in the organisation governance
    /// admitted), which has no identity record yet: the old key gets one, rotated to the successor, so
    /// the guard refuses everything it signs from now on; the successor gets an active admin record of
    /// the organisation, which is how <see cref="Permissions"/> finds admins among members. A key that
    /// also runs one of the organisation's nodes keeps running it, so its admin role stays with it:
    /// node keys change by governance.
    /// </summary>
    private static ModuleResult RotateOrganisationAdminKey(
        Permissions permissions, Transaction tx, BlockContext block, Ledger.Genesis.OrganisationId organisation, Ed25519PublicKey newKey)
    {
        if (permissions.IsNodeKey(tx.Author))
        {
            return ModuleResult.Fail(IdentityErrors.KeyRunsANode);
        }

        if (permissions.IsKeyInUse(newKey))
        {
            return ModuleResult.Fail(IdentityErrors.SuccessorInUse);
        }

        var successor = new IdentityRecord($"Admin of {organisation.Value}", IdentityRole.Admin, KeyStatus.Active, block.Height, block.Height, null, organisation);
        var retired = successor with { Status = KeyStatus.Rotated, Successor = newKey };
        return ModuleResult.Ok(
            [new StateWrite(Key(tx.Author), retired.Encode()), new StateWrite(Key(newKey), successor.Encode())],
            LedgerEvent.Of("identity.rotated", ("key", tx.Author.ToString()), ("successor", newKey.ToString()), ("organisation", organisation.Value)));
    }

    private static ModuleResult RevokeKey(Transaction tx, BlockContext block, IdentityRecord? current)
    {
        if (current is null)
        {
            return ModuleResult.Fail(IdentityErrors.NotRegistered);
        }

        var revoked = current with { Status = KeyStatus.Revoked, ChangedHeight = block.Height };
        return ModuleResult.Ok(
            [new StateWrite(Key(tx.Author), revoked.Encode())],
            LedgerEvent.Of("identity.revoked", ("key", tx.Author.ToString())));
    }
}
