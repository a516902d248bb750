using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Search;
using Hl7.Fhir.Model;

namespace Carechain.Fhir.Tests;

public sealed class SearchQueryTests
{
    private static SearchQuery Parse(string type, params (string Key, string Value)[] parameters) =>
        SearchQuery.Parse(type, parameters.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    private static FhirInputException Refused(string type, params (string Key, string Value)[] parameters) =>
        Assert.Throws<FhirInputException>(() => Parse(type, parameters));

    [Fact]
    public void Repeated_parameters_are_anded_and_commas_ored()
    {
        var query = Parse("Observation", ("patient", "Patient/p1"), ("code", "http://loinc.org|8867-4,http://loinc.org|8310-5"), ("date", "ge2024-01-01"), ("date", "lt2025"));

        Assert.Equal(4, query.Clauses.Count);
        Assert.Equal(2, query.Clauses[1].AnyOf.Count);
        Assert.Equal(new DateCriterion(DatePrefix.Ge, new FhirDateRange(new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero))), query.Clauses[2].AnyOf[0]);
        Assert.Equal(SearchQuery.DefaultCount, query.Count);
    }

    [Fact]
    public void Token_forms_follow_the_spec()
    {
        Assert.Equal(new TokenCriterion(null, "abc", false), TokenCriterion.Parse("abc"));
        Assert.Equal(new TokenCriterion("sys", "abc", true), TokenCriterion.Parse("sys|abc"));
        Assert.Equal(new TokenCriterion(null, "abc", true), TokenCriterion.Parse("|abc"));
        Assert.Equal(new TokenCriterion("sys", null, true), TokenCriterion.Parse("sys|"));
        Assert.Equal(new TokenCriterion(null, "a|b", false), TokenCriterion.Parse(@"a\|b"));
    }

    [Fact]
    public void Escaped_commas_stay_inside_one_value()
    {
        var query = Parse("Patient", ("name", @"Smith\,Jr,Doe"));

        Assert.Equal([new StringCriterion("Smith,Jr", StringMatch.StartsWith), new StringCriterion("Doe", StringMatch.StartsWith)], query.Clauses[0].AnyOf);
    }

    [Fact]
    public void Paging_parameters_are_bounded()
    {
        Assert.Equal(10, Parse("Patient", ("_count", "10")).Count);
        Assert.Equal(20, Parse("Patient", ("_offset", "20")).Offset);
        Refused("Patient", ("_count", "0"));
        Refused("Patient", ("_count", "1001"));
        Refused("Patient", ("_count", "-1"));
        Refused("Patient", ("_offset", "x"));
    }

    [Theory]
    [InlineData("Patient", "gender", "female", "not supported")]
    [InlineData("Patient", "birthdate", "ap2020", "prefix")]
    [InlineData("Patient", "birthdate", "2020-02-30", "not a FHIR date")]
    [InlineData("Patient", "name:phonetic", "smyth", "modifier")]
    [InlineData("Observation", "patient", "Practitioner/1", "Patient/[id]")]
    [InlineData("Observation", "patient", "Patient/has space", "Patient/[id]")]
    [InlineData("Observation", "code:text", "heart", "modifier")]
    [InlineData("Observation", "code", "", "empty")]
    [InlineData("Observation", "_format", "xml", "JSON")]
    [InlineData("Encounter", "category", "x", "not supported")]
    public void Unsupported_or_malformed_searches_are_refused_by_name(string type, string key, string value, string reason)
    {
        var refused = Refused(type, (key, value));

        var issue = Assert.Single(refused.Issues);
        Assert.Contains(reason, issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_never_echo_the_searched_value()
    {
        var refused = Refused("Patient", ("birthdate", "notadate-secret"), ("diagnosis", "hiv"), ("name:weird", "Jane"));

        Assert.Equal(3, refused.Issues.Count);
        Assert.All(refused.Issues, i =>
        {
            Assert.DoesNotContain("secret", i.Diagnostics, StringComparison.Ordinal);
            Assert.DoesNotContain("hiv", i.Diagnostics, StringComparison.Ordinal);
            Assert.DoesNotContain("Jane", i.Diagnostics, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Unsupported_types_are_refused()
    {
        Assert.Equal(OperationOutcome.IssueType.NotSupported, Assert.Single(Refused("Claim").Issues).Code);
    }

    [Fact]
    public void Too_many_values_are_refused()
    {
        var values = string.Join(',', Enumerable.Range(0, SearchQuery.MaxValuesPerClause + 1).Select(i => $"c{i}"));

        Assert.Equal(OperationOutcome.IssueType.TooCostly, Assert.Single(Refused("Observation", ("code", values)).Issues).Code);
    }
}
