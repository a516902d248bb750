using System.Globalization;
using Hl7.Fhir.Model;
using Carechain.Fhir.Capability;
using Hl7.Fhir.Utility;

namespace Carechain.Fhir.Search;

/// <summary>
/// Extracts the values a resource is findable by, for every search parameter
/// <see cref="Capability.SupportedResources"/> lists for its type. Pure: the same resource gives
/// the same entries.
/// </summary>
public static class SearchIndexer
{
    private const string AllergyCategorySystem = "http://hl7.org/fhir/allergy-intolerance-category";

    public static IReadOnlyList<IndexEntry> Index(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var entries = new List<IndexEntry>();
        if (resource.Id is { } id)
        {
            entries.Add(new IndexEntry("_id", new TokenValue(null, id)));
        }

        if (resource.Meta?.LastUpdated is { } updated)
        {
            var at = updated.ToUniversalTime();
            entries.Add(new IndexEntry("_lastUpdated", new DateValue(new FhirDateRange(at, at.AddTicks(1)))));
        }

        switch (resource)
        {
            case Patient patient:
                IndexPatient(patient, entries);
                break;
            case Observation o:
                Clinical(entries, o.Identifier, o.Subject, [o.Code], DateOf(o.Effective), o.Category);
                break;
            case Condition c:
                Clinical(entries, c.Identifier, c.Subject, [c.Code], DateOf(c.Onset) ?? DateOf(c.RecordedDate), c.Category);
                break;
            case MedicationRequest m:
                Clinical(entries, m.Identifier, m.Subject, [m.Medication as CodeableConcept], DateOf(m.AuthoredOn), m.Category);
                break;
            case AllergyIntolerance a:
                Clinical(entries, a.Identifier, a.Patient, [a.Code], DateOf(a.RecordedDate), []);
                foreach (var category in a.Category.Where(c => c.HasValue))
                {
                    entries.Add(new IndexEntry("category", new TokenValue(AllergyCategorySystem, category!.Value.GetLiteral()!)));
                }

                break;
            case Encounter e:
                Clinical(entries, e.Identifier, e.Subject, e.Type, DateOf(e.Period), []);
                break;
            case DiagnosticReport d:
                Clinical(entries, d.Identifier, d.Subject, [d.Code], DateOf(d.Effective), d.Category);
                break;
            case Immunization i:
                Clinical(entries, i.Identifier, i.Patient, [i.VaccineCode], DateOf(i.Occurrence), []);
                break;
        }

        return entries;
    }

    /// <summary>The type and id a reference points at ("Patient/123", or an absolute URL ending so); null otherwise.</summary>
    public static ReferenceValue? Target(ResourceReference? reference)
    {
        var text = reference?.Reference;
        if (string.IsNullOrEmpty(text) || text.StartsWith('#') || text.StartsWith("urn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = text.Split('/');
        var historyAt = Array.IndexOf(parts, "_history");
        var end = historyAt > 0 ? historyAt : parts.Length;
        return end >= 2 && parts[end - 2].Length > 0 && parts[end - 1].Length > 0 ? new ReferenceValue(parts[end - 2], parts[end - 1]) : null;
    }

    private static void IndexPatient(Patient patient, List<IndexEntry> entries)
    {
        AddIdentifiers(entries, patient.Identifier);

        foreach (var name in patient.Name)
        {
            IEnumerable<string?> parts = [name.Family, name.Text, .. name.Given, .. name.Prefix, .. name.Suffix];
            foreach (var part in parts.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal))
            {
                entries.Add(new IndexEntry("name", new StringValue(part!)));
            }
        }

        if (DateOf(patient.BirthDate) is { } birth)
        {
            entries.Add(new IndexEntry("birthdate", new DateValue(birth)));
        }
    }

    private static void AddIdentifiers(List<IndexEntry> entries, IEnumerable<Identifier> identifiers)
    {
        foreach (var identifier in identifiers.Where(i => !string.IsNullOrEmpty(i.Value)))
        {
            entries.Add(new IndexEntry("identifier", new TokenValue(identifier.System, identifier.Value!)));
        }
    }

    private static void Clinical(
        List<IndexEntry> entries, IEnumerable<Identifier> identifiers, ResourceReference? subject, IEnumerable<CodeableConcept?> codes, FhirDateRange? date,
        IEnumerable<CodeableConcept> categories)
    {
        AddIdentifiers(entries, identifiers);
        if (Target(subject) is { ResourceType: SupportedResources.Patient } patient)
        {
            entries.Add(new IndexEntry("patient", patient));
        }

        foreach (var coding in codes.Where(c => c is not null).SelectMany(c => c!.Coding))
        {
            AddToken(entries, "code", coding);
        }

        if (date is { } range)
        {
            entries.Add(new IndexEntry("date", new DateValue(range)));
        }

        foreach (var coding in categories.SelectMany(c => c.Coding))
        {
            AddToken(entries, "category", coding);
        }
    }

    private static void AddToken(List<IndexEntry> entries, string parameter, Coding coding)
    {
        if (!string.IsNullOrEmpty(coding.Code))
        {
            entries.Add(new IndexEntry(parameter, new TokenValue(coding.System, coding.Code)));
        }
    }

    private static FhirDateRange? DateOf(DataType? value) => value switch
    {
        FhirDateTime dateTime => DateOf(dateTime.Value),
        Date date => DateOf(date.Value),
        Instant { Value: { } instant } => new FhirDateRange(instant.ToUniversalTime(), instant.ToUniversalTime().AddTicks(1)),
        Period period when DateOf(period.Start) is { } || DateOf(period.End) is { } => FhirDateRange.Between(DateOf(period.Start), DateOf(period.End)),
        _ => null,
    };

    private static FhirDateRange? DateOf(string? text) => FhirDateRange.TryParse(text, out var range) ? range : null;
}
