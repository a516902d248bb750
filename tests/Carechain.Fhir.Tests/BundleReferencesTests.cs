using Carechain.Fhir.Bundles;
using Hl7.Fhir.Model;

namespace Carechain.Fhir.Tests;

public sealed class BundleReferencesTests
{
    [Fact]
    public void Every_reference_is_found_in_single_elements_lists_and_contained_resources()
    {
        var report = new DiagnosticReport
        {
            Status = DiagnosticReport.DiagnosticReportStatus.Final,
            Code = new CodeableConcept("http://loinc.org", "4548-4"),
            Subject = new ResourceReference("urn:uuid:00000000-0000-4000-8000-000000000001"),
            Encounter = new ResourceReference("Encounter/e1"),
            Result = [new ResourceReference("urn:uuid:00000000-0000-4000-8000-000000000002"), new ResourceReference("Observation/o2")],
            Contained = [new Observation { Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "1"), Subject = new ResourceReference("Patient/p") }],
        };

        var found = BundleReferences.In(report).Select(r => r.Reference!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            ["Encounter/e1", "Observation/o2", "Patient/p", "urn:uuid:00000000-0000-4000-8000-000000000001", "urn:uuid:00000000-0000-4000-8000-000000000002"],
            found);
    }

    [Theory]
    [InlineData("urn:uuid:00000000-0000-4000-8000-000000000001", true)]
    [InlineData("urn:oid:1.2.3", true)]
    [InlineData("Patient/abc", false)]
    [InlineData("https://example.org/fhir/Patient/abc", false)]
    [InlineData(null, false)]
    public void Placeholders_are_urn_uuid_and_urn_oid(string? reference, bool placeholder) =>
        Assert.Equal(placeholder, BundleReferences.IsPlaceholder(reference));
}
