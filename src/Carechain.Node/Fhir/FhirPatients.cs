using Carechain.Core.Crypto;
using Carechain.Fhir.Capability;
using Carechain.Fhir.Outcomes;
using Hl7.Fhir.Model;

namespace Carechain.Node.Fhir;

/// <summary>
/// Which patient a resource belongs to. A Patient resource is keyed by the patient's registered key:
/// it carries an identifier with system <see cref="KeySystem"/> and the key in hex, and its logical
/// id is that hex key. A clinical resource references <c>Patient/{hex key}</c> from its subject
/// (or patient) element.
/// </summary>
internal static class FhirPatients
{
    public const string KeySystem = "urn:carechain:key";

    /// <summary>The patient's key, or throws <see cref="FhirInputException"/> naming what is missing.</summary>
    public static Ed25519PublicKey PatientOf(Resource resource)
    {
        if (resource is Patient patient)
        {
            var keys = patient.Identifier.Where(i => i.System == KeySystem).ToList();
            return keys.Count == 1 && Ed25519PublicKey.TryParse(keys[0].Value, out var key)
                ? key
                : throw new FhirInputException(new FhirIssue(
                    OperationOutcome.IssueType.Required,
                    $"a Patient needs exactly one identifier with system {KeySystem} holding the patient's registered key (64 hex characters)",
                    "Patient.identifier"));
        }

        var (reference, path) = resource switch
        {
            Observation r => (r.Subject, "Observation.subject"),
            Condition r => (r.Subject, "Condition.subject"),
            MedicationRequest r => (r.Subject, "MedicationRequest.subject"),
            Encounter r => (r.Subject, "Encounter.subject"),
            DiagnosticReport r => (r.Subject, "DiagnosticReport.subject"),
            AllergyIntolerance r => (r.Patient, "AllergyIntolerance.patient"),
            Immunization r => (r.Patient, "Immunization.patient"),
            _ => throw new FhirInputException(new FhirIssue(
                OperationOutcome.IssueType.NotSupported,
                $"this server stores {string.Join(", ", SupportedResources.Types)}")),
        };
        const string Prefix = "Patient/";
        var text = reference?.Reference;
        return text is not null && text.StartsWith(Prefix, StringComparison.Ordinal) && Ed25519PublicKey.TryParse(text[Prefix.Length..], out var subject)
            ? subject
            : throw new FhirInputException(new FhirIssue(
                OperationOutcome.IssueType.Required,
                "the resource must reference its patient as Patient/{the patient's registered key in hex}",
                path));
    }
}
