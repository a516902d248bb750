using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Hl7.Fhir.Model;

namespace Carechain.Node.Fhir.Projections;

/// <summary>
/// How projections name the chain's parties: a key by identifier <c>urn:carechain:key|HEX</c> (a
/// patient also by <c>Patient/HEX</c>), an organisation by <c>urn:carechain:organisation|ID</c>.
/// The node serves no Practitioner or Organization resources, so these references are logical.
/// </summary>
internal static class ChainReferences
{
    public const string OrganisationSystem = "urn:carechain:organisation";
    public const string ActReasonSystem = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    public static ResourceReference Patient(Ed25519PublicKey patient) => new($"Patient/{patient}") { Identifier = new Identifier(FhirPatients.KeySystem, patient.ToString()) };

    public static ResourceReference Key(Ed25519PublicKey key) => new() { Identifier = new Identifier(FhirPatients.KeySystem, key.ToString()) };

    public static ResourceReference Organisation(OrganisationId organisation) =>
        new() { Type = "Organization", Identifier = new Identifier(OrganisationSystem, organisation.Value), Display = organisation.Value };

    public static ResourceReference Record(string resourceType, string recordId) => new($"{resourceType}/{recordId}");

    public static CodeableConcept Purpose(string code) => new(ActReasonSystem, code);

    public static FhirDateTime At(long unixMs) => new(DateTimeOffset.FromUnixTimeMilliseconds(unixMs));
}
