using Carechain.Client.Contracts;
using Carechain.Modules.Governance;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.Anchors;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Modules.Records.Consent;

namespace Carechain.Node.Api.Records;

/// <summary>Records-module facts as wire contracts.</summary>
internal static class RecordDtoMapping
{
    public static RecordAnchorDto ToDto(this RecordAnchor anchor) => new(
        anchor.RecordId.ToString(), anchor.Patient.ToString(), anchor.Custodian.Value, anchor.ResourceType, anchor.Version,
        anchor.CiphertextHash.ToString(), anchor.Height, anchor.TimestampMs, anchor.IsErased, anchor.ErasedHeight);

    public static ConsentGrantDto ToDto(this ConsentGrant grant, long nowMs) => new(
        grant.GrantId.ToString(), grant.Patient.ToString(), grant.Grantee.Member is null ? "organisation" : "member", grant.Grantee.ToString(),
        grant.Scope.ResourceTypes, [.. grant.Scope.RecordIds.Select(id => id.ToString())], grant.Purpose, grant.ExpiresAtMs, grant.Height,
        grant.TimestampMs, grant.RevokedHeight, grant.RevokedAtMs,
        grant.IsRevoked ? "revoked" : grant.IsLiveAt(nowMs) ? "active" : "expired");

    /// <summary>The reader's organisation and role are as the chain knows them now.</summary>
    public static AccessEventDto ToDto(this AccessEvent access, Permissions permissions) => new(
        access.TxId.ToString(), access.Reader.ToString(), permissions.OrganisationOf(access.Reader)?.Value, permissions.RoleOf(access.Reader),
        access.RecordId.ToString(), access.Purpose, BasisName(access.Basis), access.BasisId?.ToString(), access.Node.ToString(),
        access.Height, access.TimestampMs);

    public static BreakGlassDto ToDto(this BreakGlassRecord glass, BreakGlassReview? review) => new(
        glass.Id.ToString(), glass.Patient.ToString(), glass.Requester.ToString(), glass.Organisation.Value, glass.ReasonCode, glass.ReasonText,
        glass.StartMs, glass.EndMs, glass.Height, BreakGlassRecord.FlaggedForReview, review?.Outcome, review?.Reviewer.ToString(), review?.TimestampMs);

    public static AccessDecisionDto ToDto(this AccessDecision decision) =>
        new(decision.Allowed, decision.Basis is { } basis ? BasisName(basis) : null, decision.BasisId?.ToString(), decision.Allowed ? null : decision.ErrorCode);

    /// <summary>Wire names of <see cref="AccessBasis"/>: patient-self, custodian, grant, break-glass.</summary>
    public static string BasisName(AccessBasis basis) => basis switch
    {
        AccessBasis.PatientSelf => "patient-self",
        AccessBasis.Custodian => "custodian",
        AccessBasis.Grant => "grant",
        _ => "break-glass",
    };
}
