using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Consent;
using Hl7.Fhir.Model;

namespace Carechain.Node.Fhir.Projections;

/// <summary>
/// A consent grant as an R4 Consent: a permit for the grantee (actor with role IRCP), for one purpose,
/// over resource types (<c>provision.class</c>) and records (<c>provision.data</c>), from the grant's
/// block time until its expiry or revocation. Status is <c>active</c> while the grant allows reads,
/// <c>inactive</c> once revoked or expired. Its id is the grant id.
/// </summary>
internal static class ConsentProjection
{
    private const string ResourceTypesSystem = "http://hl7.org/fhir/resource-types";

    public static Consent From(ConsentGrant grant, IStateReader records, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var until = grant.RevokedAtMs is { } revoked ? Math.Min(revoked, grant.ExpiresAtMs) : grant.ExpiresAtMs;
        var grantee = grant.Grantee.Member is { } member ? ChainReferences.Key(member) : ChainReferences.Organisation(grant.Grantee.Organisation!.Value);
        var provision = new Consent.provisionComponent
        {
            Type = Consent.ConsentProvisionType.Permit,
            Period = new Period(ChainReferences.At(grant.TimestampMs), ChainReferences.At(until)),
            Actor = [new Consent.provisionActorComponent { Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP"), Reference = grantee }],
            Purpose = [new Coding(ChainReferences.ActReasonSystem, grant.Purpose)],
            Class = [.. grant.Scope.ResourceTypes.Select(t => new Coding(ResourceTypesSystem, t))],
            Data = [.. grant.Scope.RecordIds.Select(id => new Consent.provisionDataComponent { Meaning = Consent.ConsentDataMeaning.Instance, Reference = Record(records, id) })],
        };
        return new Consent
        {
            Id = grant.GrantId.ToString(),
            Status = grant.IsLiveAt(nowMs) ? Consent.ConsentState.Active : Consent.ConsentState.Inactive,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0")],
            Patient = ChainReferences.Patient(grant.Patient),
            DateTimeElement = ChainReferences.At(grant.TimestampMs),
            PolicyRule = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN"),
            Provision = provision,
        };
    }

    private static ResourceReference Record(IStateReader records, Hash256 id) =>
        RecordsModule.ReadRecord(records, id) is { } anchor
            ? ChainReferences.Record(anchor.ResourceType, id.ToString())
            : new ResourceReference { Identifier = new Identifier("urn:carechain:record", id.ToString()) };
}
