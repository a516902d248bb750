using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Governance;
using Carechain.Modules.Records.Anchors;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Modules.Records.Consent;

namespace Carechain.Modules.Records.Access;

/// <summary>
/// THE access decision: may <c>requester</c> read a record, for a purpose, at time <c>nowMs</c>,
/// given the chain state. Pure and read-only: the records module runs it at block time to accept
/// an access event, and the node runs it at its verified head before serving, so both give the same
/// answer for the same state and time. In order:
/// <list type="number">
/// <item>unknown record → <c>unknown_record</c>; erased record → <c>record_erased</c></item>
/// <item>requester without an active key → <c>requester_inactive</c></item>
/// <item>the record's patient → patient-self</item>
/// <item>a clinical member of the custodian organisation → custodian</item>
/// <item>a live grant (not revoked, not expired, same purpose, in scope) to the requester's key or to its
/// organisation (clinical members only) → that grant; the lowest grant id wins</item>
/// <item>an open break-glass of the requester (still in the emergency role) for this patient → that break-glass</item>
/// <item>otherwise <c>no_consent</c></item>
/// </list>
/// </summary>
public static class AccessPolicy
{
    /// <param name="records">The records module's namespace of the state.</param>
    /// <param name="permissions">The permission service over the same state.</param>
    public static AccessDecision Decide(
        IStateReader records, Permissions permissions, Ed25519PublicKey requester, Hash256 recordId, string purpose, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(permissions);
        return Decide(records, RecordsModule.ReadRecord(records, recordId), requester, permissions.StandingOf(requester), purpose, nowMs);
    }

    /// <summary>
    /// The same decision for a caller that already read the record's anchor and the requester's
    /// standing from the same state (the records module deciding many entries of one transaction,
    /// the node deciding a read): no second look-up of either.
    /// </summary>
    /// <param name="anchor">The record's anchor in <paramref name="records"/>, or null if it has none.</param>
    /// <param name="standing">The requester's standing in the same state (<see cref="Permissions.StandingOf"/>).</param>
    public static AccessDecision Decide(
        IStateReader records, RecordAnchor? anchor, Ed25519PublicKey requester, KeyStanding standing, string purpose, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (anchor is null)
        {
            return AccessDecision.Deny(RecordsErrors.UnknownRecord);
        }

        if (anchor.IsErased)
        {
            return AccessDecision.Deny(RecordsErrors.RecordErased);
        }

        var role = standing.Role;
        if (role is null)
        {
            return AccessDecision.Deny(RecordsErrors.RequesterInactive);
        }

        if (requester == anchor.Patient)
        {
            return AccessDecision.Allow(AccessBasis.PatientSelf);
        }

        var organisation = standing.Organisation;
        var clinical = ClinicalRoles.Includes(role);
        if (clinical && organisation == anchor.Custodian)
        {
            return AccessDecision.Allow(AccessBasis.Custodian);
        }

        var grant = FindGrant(records, anchor, requester, clinical ? organisation : null, purpose, nowMs);
        if (grant is { } grantId)
        {
            return AccessDecision.Allow(AccessBasis.Grant, grantId);
        }

        if (role == ClinicalRoles.Emergency && organisation is not null
            && RecordsModule.ReadLatestBreakGlass(records, anchor.Patient, requester) is { } glass && glass.IsOpenAt(nowMs))
        {
            return AccessDecision.Allow(AccessBasis.BreakGlass, glass.Id);
        }

        return AccessDecision.Deny(RecordsErrors.NoConsent);
    }

    private static Hash256? FindGrant(
        IStateReader records, RecordAnchor anchor, Ed25519PublicKey requester, Ledger.Genesis.OrganisationId? organisation, string purpose, long nowMs)
    {
        IEnumerable<Hash256> candidates = RecordsModule.ReadLiveGrantIds(records, anchor.Patient, Grantee.Of(requester).Id);
        if (organisation is { } org)
        {
            candidates = candidates.Concat(RecordsModule.ReadLiveGrantIds(records, anchor.Patient, Grantee.Of(org).Id));
        }

        foreach (var id in candidates.OrderBy(h => h.ToString(), StringComparer.Ordinal))
        {
            var grant = RecordsModule.ReadGrant(records, id);
            if (grant is not null && grant.IsLiveAt(nowMs) && grant.Purpose == purpose && grant.Scope.Covers(anchor.RecordId, anchor.ResourceType))
            {
                return id;
            }
        }

        return null;
    }
}
