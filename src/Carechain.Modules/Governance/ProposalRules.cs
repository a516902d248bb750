using Carechain.Core.Crypto;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Governance;

/// <summary>
/// Whether an action fits the consortium as it is now, and the writes that carry it out. Checked
/// when the action is proposed and again when its last approval arrives, because other proposals
/// may have changed the consortium in between. A change never leaves governance unable to act:
/// M stays within the number of current organisations, and at least one node key remains.
/// </summary>
internal static class ProposalRules
{
    public static string? Check(ProposalAction action, Permissions permissions) =>
        CheckAction(action, permissions)
            ?? (NodeKeysAfter(action, permissions) is not null && permissions.NodeSetHistory().Count >= NodeSetRecord.MaxHistory
                ? GovernanceErrors.NodeSetHistoryFull
                : null);

    private static string? CheckAction(ProposalAction action, Permissions permissions) => action switch
    {
        AddOrganisationAction add => CheckAdd(add.Organisation, permissions),
        RemoveOrganisationAction remove => CheckRemove(remove.Organisation, permissions),
        AddNodeKeyAction addKey => CheckAddNodeKey(addKey, permissions),
        RemoveNodeKeyAction removeKey => CheckRemoveNodeKey(removeKey, permissions),
        ChangePolicyAction change => change.Policy.Problem(permissions.CurrentOrganisations().Count) is null ? null : GovernanceErrors.InvalidPolicy,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown proposal action"),
    };

    public static IReadOnlyList<StateWrite> Apply(ProposalAction action, Permissions permissions, long height)
    {
        var nodeKeys = NodeKeysAfter(action, permissions);
        IReadOnlyList<StateWrite> history = nodeKeys is null ? [] : NodeSetHistory.Record(permissions, height, nodeKeys);
        return [.. Writes(action, permissions, height), .. history];
    }

    /// <summary>The node keys once <paramref name="action"/> is carried out, or null when it leaves them alone.</summary>
    private static IEnumerable<Ed25519PublicKey>? NodeKeysAfter(ProposalAction action, Permissions permissions) => action switch
    {
        AddOrganisationAction add when add.Organisation.NodeKeys.Count > 0 => permissions.NodeKeys().Concat(add.Organisation.NodeKeys),
        RemoveOrganisationAction remove => permissions.NodeKeys().Except(permissions.Organisation(remove.Organisation)!.Organisation.NodeKeys),
        AddNodeKeyAction addKey => permissions.NodeKeys().Append(addKey.Key),
        RemoveNodeKeyAction removeKey => permissions.NodeKeys().Where(k => k != removeKey.Key),
        _ => null,
    };

    private static IReadOnlyList<StateWrite> Writes(ProposalAction action, Permissions permissions, long height)
    {
        var current = permissions.CurrentOrganisations().Select(o => o.Organisation.Id).ToList();
        switch (action)
        {
            case AddOrganisationAction add:
                var organisation = add.Organisation;
                return
                [
                    ConsortiumState.WriteOrganisation(new OrganisationRecord(organisation, OrganisationStatus.Active, height)),
                    ConsortiumState.WriteCurrentIds(current.Append(organisation.Id)),
                    .. organisation.Keys.Select(key => ConsortiumState.WriteHolder(key, organisation.Id)),
                ];
            case RemoveOrganisationAction remove:
                var removed = permissions.Organisation(remove.Organisation)!;
                return
                [
                    ConsortiumState.WriteOrganisation(removed with { Status = OrganisationStatus.Removed, ChangedHeight = height }),
                    ConsortiumState.WriteCurrentIds(current.Where(id => id != remove.Organisation)),
                ];
            case AddNodeKeyAction addKey:
                var grown = permissions.Organisation(addKey.Organisation)!;
                return
                [
                    ConsortiumState.WriteOrganisation(new OrganisationRecord(
                        grown.Organisation.WithNodeKeys([.. grown.Organisation.NodeKeys, addKey.Key]), OrganisationStatus.Active, height)),
                    ConsortiumState.WriteHolder(addKey.Key, addKey.Organisation),
                ];
            case RemoveNodeKeyAction removeKey:
                var shrunk = permissions.Organisation(removeKey.Organisation)!;
                return
                [
                    ConsortiumState.WriteOrganisation(new OrganisationRecord(
                        shrunk.Organisation.WithNodeKeys([.. shrunk.Organisation.NodeKeys.Where(k => k != removeKey.Key)]), OrganisationStatus.Active, height)),
                ];
            case ChangePolicyAction change:
                return [ConsortiumState.WritePolicy(change.Policy)];
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "unknown proposal action");
        }
    }

    private static string? CheckAdd(Organisation organisation, Permissions permissions)
    {
        if (permissions.Organisation(organisation.Id) is not null)
        {
            return GovernanceErrors.OrganisationExists;
        }

        if (permissions.CurrentOrganisations().Count >= ConsortiumState.MaxOrganisations)
        {
            return GovernanceErrors.TooManyOrganisations;
        }

        return organisation.Keys.Any(permissions.IsKeyInUse) ? GovernanceErrors.KeyInUse : null;
    }

    private static string? CheckRemove(OrganisationId id, Permissions permissions)
    {
        if (!permissions.IsCurrent(id))
        {
            return GovernanceErrors.UnknownOrganisation;
        }

        var remaining = permissions.CurrentOrganisations().Where(o => o.Organisation.Id != id).ToArray();
        if (remaining.Length < permissions.Policy.Approvals)
        {
            // Fewer organisations than M could never approve anything again: lower M first.
            return GovernanceErrors.InvalidPolicy;
        }

        return remaining.Any(o => o.Organisation.NodeKeys.Count > 0) ? null : GovernanceErrors.LastNodeKey;
    }

    private static string? CheckAddNodeKey(AddNodeKeyAction action, Permissions permissions)
    {
        if (permissions.Organisation(action.Organisation) is not { IsActive: true } record)
        {
            return GovernanceErrors.UnknownOrganisation;
        }

        // An organisation's own admin key may also become one of its node keys, as in a dev genesis.
        var ownAdminKey = record.Organisation.AdminKeys.Contains(action.Key) && !record.Organisation.NodeKeys.Contains(action.Key)
            && permissions.IsAdminOf(action.Organisation, action.Key);
        if (!ownAdminKey && permissions.IsKeyInUse(action.Key))
        {
            return GovernanceErrors.KeyInUse;
        }

        return record.Organisation.NodeKeys.Count >= Organisation.MaxKeys ? GovernanceErrors.TooManyKeys : null;
    }

    private static string? CheckRemoveNodeKey(RemoveNodeKeyAction action, Permissions permissions)
    {
        if (permissions.Organisation(action.Organisation) is not { IsActive: true } record)
        {
            return GovernanceErrors.UnknownOrganisation;
        }

        if (!record.Organisation.NodeKeys.Contains(action.Key))
        {
            return GovernanceErrors.UnknownNodeKey;
        }

        return permissions.NodeKeys().Count > 1 ? null : GovernanceErrors.LastNodeKey;
    }
}
