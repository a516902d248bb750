using Carechain.Fhir.Capability;
using Carechain.Fhir.Parsing;
using Hl7.Fhir.Model;

namespace Carechain.Fhir.Tests;

public sealed class CapabilityStatementTests
{
    [Fact]
    public void The_statement_is_a_valid_R4_resource_listing_every_type()
    {
        var statement = CapabilityStatementFactory.Create(new Uri("http://127.0.0.1:7070/fhir"), "1.0.0", new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

        var read = Assert.IsType<CapabilityStatement>(FhirResourceReader.Read(FhirResourceReader.Write(statement), "CapabilityStatement"));
        Assert.Equal(FHIRVersion.N4_0_1, read.FhirVersion);
        var rest = Assert.Single(read.Rest);
        Assert.Equal(
            [.. SupportedResources.Types, .. CapabilityStatementFactory.ProjectedTypes],
            rest.Resource.Select(r => r.Type));
        var patient = rest.Resource.Single(r => r.Type == "Patient");
        Assert.Equal("everything", Assert.Single(patient.Operation).Name);
        Assert.Contains(patient.SearchParam, p => p.Name == "birthdate" && p.Type == SearchParamType.Date);
        Assert.Contains(rest.Interaction, i => i.Code == CapabilityStatement.SystemRestfulInteraction.Transaction);
        Assert.Contains("Bearer", rest.Security!.Description, StringComparison.Ordinal);
    }
}
