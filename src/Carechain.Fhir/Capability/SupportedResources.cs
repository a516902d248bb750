using Hl7.Fhir.Model;

namespace Carechain.Fhir.Capability;

/// <summary>
/// The resource types the FHIR API serves and the search parameters each supports. The one
/// list the CapabilityStatement, the search parser and the indexer all read. <see cref="Types"/>
/// are stored (written by members, kept in the vault); <see cref="ProjectedTypes"/> are read-only
/// views of the chain's own facts, searchable by patient only.
/// </summary>
public static class SupportedResources
{
    public const string Patient = "Patient";

    private static readonly SearchParameterDefinition Id = new("_id", SearchParamType.Token, "the logical id of the resource");
    private static readonly SearchParameterDefinition LastUpdated = new("_lastUpdated", SearchParamType.Date, "when this server last changed the resource");
    private static readonly SearchParameterDefinition PatientReference = new("patient", SearchParamType.Reference, "the patient the record is about");
    private static readonly SearchParameterDefinition PatientIdentifier = new("identifier", SearchParamType.Token, "a patient identifier (system|value)");
    private static readonly SearchParameterDefinition RecordIdentifier = new("identifier", SearchParamType.Token, "a business identifier of the record (system|value)");
    private static readonly SearchParameterDefinition Category = new("category", SearchParamType.Token, "the record's category codes");

    private static readonly Dictionary<string, IReadOnlyList<SearchParameterDefinition>> Parameters = new(StringComparer.Ordinal)
    {
        [Patient] =
        [
            Id, LastUpdated,
            PatientIdentifier,
            new("name", SearchParamType.String, "any part of a name: family, given, prefix, suffix or text (starts with, case- and accent-insensitive)"),
            new("birthdate", SearchParamType.Date, "the patient's date of birth"),
        ],
        ["Observation"] = Clinical("Observation.code", "Observation.effective[x]", withCategory: true),
        ["Condition"] = Clinical("Condition.code", "Condition.onset[x], else Condition.recordedDate", withCategory: true),
        ["MedicationRequest"] = Clinical("MedicationRequest.medicationCodeableConcept", "MedicationRequest.authoredOn", withCategory: true),
        ["AllergyIntolerance"] = Clinical("AllergyIntolerance.code", "AllergyIntolerance.recordedDate", withCategory: true),
        ["Encounter"] = Clinical("Encounter.type", "Encounter.period", withCategory: false),
        ["DiagnosticReport"] = Clinical("DiagnosticReport.code", "DiagnosticReport.effective[x]", withCategory: true),
        ["Immunization"] = Clinical("Immunization.vaccineCode", "Immunization.occurrenceDateTime", withCategory: false),
    };

    private static readonly Dictionary<string, IReadOnlyList<SearchParameterDefinition>> Projected = new(StringComparer.Ordinal)
    {
        ["AuditEvent"] = [new("patient", SearchParamType.Reference, "the patient whose records were accessed (access events and break-glasses)")],
        ["Consent"] = [new("patient", SearchParamType.Reference, "the patient who gave the consent")],
        ["Provenance"] = [new("patient", SearchParamType.Reference, "the patient whose record versions were anchored")],
    };

    /// <summary>Every resource type the API stores and searches, sorted.</summary>
    public static IReadOnlyList<string> Types { get; } = [.. Parameters.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The resource types projected from the chain (read and search only), sorted.</summary>
    public static IReadOnlyList<string> ProjectedTypes { get; } = [.. Projected.Keys.Order(StringComparer.Ordinal)];

    public static bool IsSupported(string resourceType) => Parameters.ContainsKey(resourceType);

    public static bool IsProjected(string resourceType) => Projected.ContainsKey(resourceType);

    /// <summary>The search parameters of a stored or projected type; throws for any other.</summary>
    public static IReadOnlyList<SearchParameterDefinition> SearchParameters(string resourceType) =>
        Parameters.TryGetValue(resourceType, out var found) || Projected.TryGetValue(resourceType, out found)
            ? found
            : throw new ArgumentException($"{resourceType} is not a supported resource type", nameof(resourceType));

    private static List<SearchParameterDefinition> Clinical(string code, string date, bool withCategory)
    {
        List<SearchParameterDefinition> list =
        [
            Id, LastUpdated, RecordIdentifier, PatientReference,
            new("code", SearchParamType.Token, $"the record's code ({code})"),
            new("date", SearchParamType.Date, $"the record's clinically relevant time ({date})"),
        ];
        if (withCategory)
        {
            list.Add(Category);
        }

        return list;
    }
}
