using System.Text;
using Carechain.Fhir.Parsing;
using Carechain.Fhir.Search;
using CsCheck;
using Hl7.Fhir.Model;

namespace Carechain.Fhir.Tests;

public sealed class SearchMatchingTests
{
    private static readonly Resource Jose = Read(
        """{"resourceType":"Patient","id":"p1","meta":{"lastUpdated":"2024-06-01T12:00:00Z"},"identifier":[{"system":"urn:oid:1.2.36.146.595.217.0.1","value":"12345"}],"name":[{"family":"Núñez","given":["José","Maria"]}],"birthDate":"1974-12-25"}""");

    private static readonly Resource Pulse = Read(
        """{"resourceType":"Observation","id":"o1","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/p1"},"effectiveDateTime":"2024-03-05T10:00:00Z"}""");

    private static Resource Read(string json) => FhirResourceReader.Read(Encoding.UTF8.GetBytes(json));

    private static bool Finds(Resource resource, params (string Key, string Value)[] parameters) =>
        SearchQuery.Parse(resource.TypeName, parameters.Select(p => KeyValuePair.Create(p.Key, p.Value))).Matches(SearchIndexer.Index(resource));

    [Fact]
    public void Names_match_by_prefix_ignoring_case_and_accents()
    {
        Assert.True(Finds(Jose, ("name", "nunez")));
        Assert.True(Finds(Jose, ("name", "JOS")));
        Assert.True(Finds(Jose, ("name", "NÚÑ")));
        Assert.True(Finds(Jose, ("name", "mar")));
        Assert.False(Finds(Jose, ("name", "unez")));
        Assert.True(Finds(Jose, ("name:contains", "unez")));
        Assert.True(Finds(Jose, ("name:exact", "Núñez")));
        Assert.False(Finds(Jose, ("name:exact", "nunez")));
    }

    [Fact]
    public void Identifiers_match_as_tokens()
    {
        Assert.True(Finds(Jose, ("identifier", "12345")));
        Assert.True(Finds(Jose, ("identifier", "urn:oid:1.2.36.146.595.217.0.1|12345")));
        Assert.True(Finds(Jose, ("identifier", "urn:oid:1.2.36.146.595.217.0.1|")));
        Assert.False(Finds(Jose, ("identifier", "|12345")));
        Assert.False(Finds(Jose, ("identifier", "other|12345")));
        Assert.True(Finds(Jose, ("_id", "p1")));
    }

    [Theory]
    [InlineData("1974", true)]
    [InlineData("1974-12", true)]
    [InlineData("1974-12-25", true)]
    [InlineData("1974-12-24", false)]
    [InlineData("ne1974-12-24", true)]
    [InlineData("ge1974-12-25", true)]
    [InlineData("gt1974-12-25", false)]
    [InlineData("gt1974-12-24", true)]
    [InlineData("le1974-12-25", true)]
    [InlineData("lt1974-12-25", false)]
    [InlineData("lt1975", true)]
    [InlineData("sa1974-12-24", true)]
    [InlineData("sa1974", false)]
    [InlineData("eb1975", true)]
    [InlineData("eb1974-12-25", false)]
    [InlineData("1974-12-25T10:00Z", false)]
    public void Birthdates_compare_as_ranges(string value, bool expected)
    {
        Assert.Equal(expected, Finds(Jose, ("birthdate", value)));
    }

    [Fact]
    public void Clinical_records_are_found_by_patient_code_date_and_category()
    {
        Assert.True(Finds(Pulse, ("patient", "Patient/p1"), ("code", "http://loinc.org|8867-4"), ("date", "2024-03"), ("category", "vital-signs")));
        Assert.True(Finds(Pulse, ("patient", "p1")));
        Assert.False(Finds(Pulse, ("patient", "p2")));
        Assert.False(Finds(Pulse, ("code", "http://snomed.info/sct|8867-4")));
        Assert.True(Finds(Pulse, ("code", "x,8867-4")));
        Assert.False(Finds(Pulse, ("date", "ge2024-04")));
        Assert.False(Finds(Pulse, ("category", "laboratory")));
    }

    [Fact]
    public void Last_updated_is_searchable()
    {
        Assert.True(Finds(Jose, ("_lastUpdated", "ge2024-06-01")));
        Assert.False(Finds(Jose, ("_lastUpdated", "gt2024-06-01")));
    }

    [Fact]
    public void Every_supported_type_indexes_its_patient_code_and_date()
    {
        var samples = new[]
        {
            """{"resourceType":"Condition","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"s","code":"c"}]},"onsetDateTime":"2020-01-02"}""",
            """{"resourceType":"MedicationRequest","status":"active","intent":"order","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"coding":[{"system":"s","code":"c"}]},"authoredOn":"2020-01-02"}""",
            """{"resourceType":"AllergyIntolerance","patient":{"reference":"Patient/p1"},"code":{"coding":[{"system":"s","code":"c"}]},"recordedDate":"2020-01-02","category":["food"]}""",
            """{"resourceType":"Encounter","status":"finished","class":{"code":"AMB"},"subject":{"reference":"Patient/p1"},"type":[{"coding":[{"system":"s","code":"c"}]}],"period":{"start":"2020-01-02T09:00:00Z","end":"2020-01-02T10:00:00Z"}}""",
            """{"resourceType":"DiagnosticReport","status":"final","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"s","code":"c"}]},"effectiveDateTime":"2020-01-02"}""",
            """{"resourceType":"Immunization","status":"completed","patient":{"reference":"Patient/p1"},"vaccineCode":{"coding":[{"system":"s","code":"c"}]},"occurrenceDateTime":"2020-01-02"}""",
        };
        foreach (var json in samples)
        {
            var resource = Read(json);
            Assert.True(Finds(resource, ("patient", "p1"), ("code", "s|c"), ("date", "2020-01-02")), resource.TypeName);
            Assert.False(Finds(resource, ("date", "2021")), resource.TypeName);
        }

        Assert.True(Finds(Read(samples[2]), ("category", "food")));
    }

    [Fact]
    public void Date_prefixes_keep_their_algebra()
    {
        var dates = Gen.Select(Gen.Int[1990, 2030], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Int[0, 3]).Select((y, m, d, precision) => precision switch
        {
            0 => $"{y}",
            1 => $"{y}-{m:00}",
            2 => $"{y}-{m:00}-{d:00}",
            _ => $"{y}-{m:00}-{d:00}T{d % 24:00}:{m:00}:00Z",
        });
        Gen.Select(dates, dates).Sample((target, search) =>
        {
            Assert.True(FhirDateRange.TryParse(target, out var t));
            Assert.True(FhirDateRange.TryParse(search, out var s));
            var value = new DateValue(t);
            bool Is(DatePrefix p) => new DateCriterion(p, s).Matches(value);
            Assert.NotEqual(Is(DatePrefix.Eq), Is(DatePrefix.Ne));
            Assert.Equal(Is(DatePrefix.Gt) || Is(DatePrefix.Eq), Is(DatePrefix.Ge));
            Assert.Equal(Is(DatePrefix.Lt) || Is(DatePrefix.Eq), Is(DatePrefix.Le));
            Assert.True(!Is(DatePrefix.Sa) || Is(DatePrefix.Gt));
            Assert.True(!Is(DatePrefix.Eb) || Is(DatePrefix.Lt));
            Assert.True(Is(DatePrefix.Ge) || Is(DatePrefix.Lt));
        }, iter: 5_000);
    }
}
