using Carechain.Fhir.Capability;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Search;
using Hl7.Fhir.Model;

namespace Carechain.Fhir.Tests;

public sealed class ProjectedSearchTests
{
    [Theory]
    [InlineData("Consent")]
    [InlineData("AuditEvent")]
    [InlineData("Provenance")]
    public void Projected_types_are_searched_by_patient_and_page_only(string type)
    {
        var query = SearchQuery.Parse(type, [KeyValuePair.Create("patient", "Patient/abc"), KeyValuePair.Create("_count", "5")]);
        Assert.Equal(new ReferenceCriterion("Patient", "abc"), Assert.Single(Assert.Single(query.Clauses).AnyOf));
        Assert.Equal(5, query.Count);

        var refused = Assert.Throws<FhirInputException>(() => SearchQuery.Parse(type, [KeyValuePair.Create("code", "x")]));
        Assert.Equal(OperationOutcome.IssueType.NotSupported, Assert.Single(refused.Issues).Code);
        Assert.False(SupportedResources.IsSupported(type));
    }

    [Fact]
    public void The_capability_statement_lists_the_projected_types_read_only_with_their_search_parameter()
    {
        var statement = CapabilityStatementFactory.Create(new Uri("http://127.0.0.1/fhir"), "1.0.0", DateTimeOffset.UnixEpoch);
        foreach (var type in SupportedResources.ProjectedTypes)
        {
            var resource = Assert.Single(statement.Rest[0].Resource, r => r.Type == type);
            Assert.Equal(
                [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
                resource.Interaction.Select(i => i.Code!.Value));
            Assert.Equal("patient", Assert.Single(resource.SearchParam).Name);
        }
    }
}
