using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Records.Consent;

namespace Carechain.Modules.Records;

/// <summary>Consent: only a registered patient grants, and only the granting patient revokes.</summary>
public sealed partial class RecordsModule
{
    /// <summary>Most unrevoked, unexpired grants one patient may hold for one grantee at a time.</summary>
    public const int MaxLiveGrantsPerGrantee = 32;

    private static ModuleResult Grant(IStateReader state, Permissions permissions, Transaction tx, BlockContext block, GrantRequest request)
    {
        if (permissions.RoleOf(tx.Author) != IdentityRole.Patient)
        {
            return ModuleResult.Fail(RecordsErrors.NotPatient);
        }

        if (request.ExpiresAtMs <= block.TimestampMs)
        {
            return ModuleResult.Fail(RecordsErrors.GrantExpired);
        }

        var granteeKnown = request.Grantee.Member is { } member ? permissions.RoleOf(member) is not null : permissions.IsCurrent(request.Grantee.Organisation!.Value);
        if (!granteeKnown || request.Grantee.Member == tx.Author)
        {
            return ModuleResult.Fail(RecordsErrors.UnknownGrantee);
        }

        if (request.Scope.RecordIds.Any(id => ReadRecord(state, id)?.Patient != tx.Author))
        {
            return ModuleResult.Fail(RecordsErrors.UnknownRecord);
        }

        var granteeId = request.Grantee.Id;
        var live = ReadLiveGrantIds(state, tx.Author, granteeId)
            .Where(id => ReadGrant(state, id)?.IsLiveAt(block.TimestampMs) == true)
            .ToList();
        if (live.Count >= MaxLiveGrantsPerGrantee)
        {
            return ModuleResult.Fail(RecordsErrors.TooManyGrants);
        }

        var grantId = tx.Id.Hash;
        live.Add(grantId);
        var grant = new ConsentGrant(
            grantId, tx.Author, request.Grantee, request.Scope, request.Purpose, request.ExpiresAtMs, block.Height, block.TimestampMs, null, null);
        return ModuleResult.Ok(
            [
                new StateWrite(RecordsKeys.Grant(grantId), grant.Encode()),
                LiveGrantsWrite(tx.Author, granteeId, live),
                new StateWrite(RecordsKeys.PatientGrant(tx.Author, grantId), RecordsKeys.Present),
            ],
            LedgerEvent.Of("records.granted", ("grant", grantId.ToString()), ("grantee", request.Grantee.ToString()), ("purpose", request.Purpose)));
    }

    private static ModuleResult Revoke(IStateReader state, Transaction tx, BlockContext block, RevokeRequest request)
    {
        var grant = ReadGrant(state, request.GrantId);
        if (grant is null)
        {
            return ModuleResult.Fail(RecordsErrors.UnknownGrant);
        }

        if (grant.Patient != tx.Author)
        {
            return ModuleResult.Fail(RecordsErrors.NotPatient);
        }

        if (grant.IsRevoked)
        {
            return ModuleResult.Fail(RecordsErrors.AlreadyRevoked);
        }

        var granteeId = grant.Grantee.Id;
        List<Hash256> live = [.. ReadLiveGrantIds(state, tx.Author, granteeId).Where(id => id != request.GrantId)];
        var revoked = grant with { RevokedHeight = block.Height, RevokedAtMs = block.TimestampMs };
        return ModuleResult.Ok(
            [new StateWrite(RecordsKeys.Grant(request.GrantId), revoked.Encode()), LiveGrantsWrite(tx.Author, granteeId, live)],
            LedgerEvent.Of("records.revoked", ("grant", request.GrantId.ToString())));
    }
}
