using System.Text;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Parsing;
using CsCheck;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Carechain.Fhir.Tests;

public sealed class FhirResourceReaderTests
{
    private const string ValidObservation =
        """{"resourceType":"Observation","id":"o1","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/p1"},"effectiveDateTime":"2024-03-05T10:00:00Z","valueQuantity":{"value":72,"unit":"/min"}}""";

    private static FhirInputException Refused(string json, string? expectedType = null) =>
        Assert.Throws<FhirInputException>(() => FhirResourceReader.Read(Encoding.UTF8.GetBytes(json), expectedType));

    [Fact]
    public void A_valid_resource_reads_and_writes_back_the_same()
    {
        var observation = Assert.IsType<Observation>(FhirResourceReader.Read(Encoding.UTF8.GetBytes(ValidObservation), "Observation"));

        Assert.Equal("o1", observation.Id);
        var again = Assert.IsType<Observation>(FhirResourceReader.Read(FhirResourceReader.Write(observation)));
        Assert.True(observation.IsExactly(again));
    }

    [Fact]
    public void Written_bytes_are_the_utf8_of_the_sdk_json_text_stored_by_earlier_builds()
    {
        var patient = new Patient
        {
            Id = "p1",
            Name = [new HumanName { Family = "Ørsted-Šimić", Given = ["Zoë", "\"quoted\" <tag> & 100% + \u2028"] }],
            BirthDate = "1990-01-02",
        };

        var written = FhirResourceReader.Write(patient);

        Assert.Equal(Encoding.UTF8.GetBytes(new FhirJsonSerializer().SerializeToString(patient)), written);
        Assert.True(patient.IsExactly(FhirResourceReader.Read(written, "Patient")));
    }

    [Fact]
    public void A_bad_value_is_located_but_its_text_is_withheld()
    {
        var refused = Refused("""{"resourceType":"Patient","birthDate":"1990-13-45","gender":"weird"}""");

        Assert.Equal(2, refused.Issues.Count);
        var date = Assert.Single(refused.Issues, i => i.Expression == "Patient.birthDate");
        Assert.Contains("not a correct literal for a date", date.Diagnostics, StringComparison.Ordinal);
        Assert.Equal(OperationOutcome.IssueType.CodeInvalid, Assert.Single(refused.Issues, i => i.Expression == "Patient.gender").Code);
        Assert.All(refused.Issues, i => Assert.DoesNotContain("1990-13-45", i.Diagnostics, StringComparison.Ordinal));
        Assert.All(refused.Issues, i => Assert.DoesNotContain("weird", i.Diagnostics, StringComparison.Ordinal));
        Assert.DoesNotContain("1990-13-45", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_elements_and_missing_required_elements_are_each_reported()
    {
        var refused = Refused("""{"resourceType":"Observation","code":{"text":"x"},"bogus":1}""");

        Assert.Contains(refused.Issues, i => i.Code == OperationOutcome.IssueType.Structure && i.Expression == "Observation.bogus");
        Assert.Contains(refused.Issues, i => i.Code == OperationOutcome.IssueType.Required && i.Diagnostics.Contains("status", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "JSON object")]
    [InlineData("{not json", "well-formed")]
    [InlineData("""{"resourceType":"Patient" """, "well-formed")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("42", "JSON object")]
    [InlineData("""{"resourceType":"NoSuchThing"}""", "unknown resource type")]
    [InlineData("""{"id":"x"}""", "resourceType")]
    public void Bodies_that_are_not_resources_are_refused_with_a_reason(string json, string reason)
    {
        var refused = Refused(json);

        Assert.Contains(refused.Issues, i => i.Diagnostics.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_resource_of_another_type_than_the_endpoint_takes_is_refused()
    {
        var refused = Refused(ValidObservation, "Patient");

        Assert.Equal("resourceType", Assert.Single(refused.Issues).Expression);
    }

    [Fact]
    public void An_oversized_body_is_refused_before_parsing()
    {
        var big = new byte[FhirResourceReader.MaxBytes + 1];

        var refused = Assert.Throws<FhirInputException>(() => FhirResourceReader.Read(big));
        Assert.Equal(OperationOutcome.IssueType.TooCostly, Assert.Single(refused.Issues).Code);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var json = """{"resourceType":"Patient","extension":""" + string.Concat(Enumerable.Repeat("[", 5_000)) + string.Concat(Enumerable.Repeat("]", 5_000)) + "}";

        Refused(json);
    }

    [Fact]
    public void Mutated_resources_only_ever_fail_with_the_readers_own_error()
    {
        var seed = Encoding.UTF8.GetBytes(ValidObservation);
        Gen.Select(Gen.Int[0, seed.Length - 1].Array[1, 8], Gen.Byte.Array[1, 8]).Sample((positions, values) =>
        {
            var mutated = (byte[])seed.Clone();
            for (var i = 0; i < positions.Length; i++)
            {
                mutated[positions[i]] = values[i % values.Length];
            }

            try
            {
                FhirResourceReader.Read(mutated);
            }
            catch (FhirInputException refused)
            {
                Assert.NotEmpty(refused.Issues);
            }
        }, iter: 3_000);
    }

    [Fact]
    public void Outcomes_carry_every_issue_with_its_location()
    {
        var outcome = OperationOutcomes.From([new FhirIssue(OperationOutcome.IssueType.Invalid, "bad", "Patient.birthDate"), new FhirIssue(OperationOutcome.IssueType.Required, "missing")]);

        Assert.Equal(2, outcome.Issue.Count);
        Assert.Equal(["Patient.birthDate"], outcome.Issue[0].Expression);
        Assert.Empty(outcome.Issue[1].Expression);
        Assert.All(outcome.Issue, i => Assert.Equal(OperationOutcome.IssueSeverity.Error, i.Severity));
    }
}
