using System.Text;
using System.Text.Json;
using Carechain.Fhir.Parsing;
using Hl7.Fhir.Model;

namespace Carechain.Fhir.Tests;

public sealed class StoredResourceJsonTests
{
    private static readonly DateTimeOffset LastUpdated = new(2026, 12, 2, 15, 50, 16, 123, TimeSpan.Zero);

    public static TheoryData<string> Bodies() =>
    [
        """{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":72.50,"unit":"/min"}}""",
        // The client's own id, _id and meta are replaced; a property before resourceType, pretty
        // printing, escapes and primitive extensions come through as sent.
        """
        {
          "status": "final", "resourceType": "Observation", "id": "client-id",
          "_id": {"extension": [{"url": "http://example.org/x", "valueString": "y"}]},
          "meta": {"versionId": "9", "tag": [{"system": "http://example.org/t", "code": "t"}]},
          "_status": {"extension": [{"url": "http://example.org/s", "valueBoolean": true}]},
          "code": {"text": "Zo\u00eb \"quoted\" <tag> & 100% Ørsted"},
          "subject": {"reference": "Patient/p1"},
          "valueQuantity": {"value": 7.2e1, "unit": "/min"}
        }
        """,
        """{"resourceType":"Patient","identifier":[{"system":"urn:carechain:key","value":"k"}],"name":[{"family":"Doe","given":["Jane"]}],"birthDate":"1990-01-02"}""",
    ];

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Stored_json_reads_back_as_the_resource_with_its_id_and_meta(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var resource = FhirResourceReader.Read(bytes);
        resource.Id = "0a1b";
        resource.Meta = new Meta { VersionId = "3", LastUpdated = LastUpdated };

        var stored = StoredResourceJson.Of(bytes, resource);

        var again = FhirResourceReader.Read(stored, resource.TypeName);
        Assert.True(resource.IsExactly(again));
        Assert.Equal("0a1b", again.Id);
        Assert.Equal("3", again.Meta!.VersionId);
        Assert.Equal(LastUpdated, again.Meta.LastUpdated);
        Assert.Empty(again.IdElement!.Extension);
        Assert.Empty(again.Meta.Tag);
        using var document = JsonDocument.Parse(stored);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["resourceType", "id", "meta"], names.Take(3));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("_id", names);
    }

    [Fact]
    public void Stored_json_keeps_the_values_as_sent_where_reserialising_would_change_them()
    {
        const string body = """{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":72.50}}""";
        var resource = FhirResourceReader.Read(Encoding.UTF8.GetBytes(body));
        resource.Id = "0a1b";
        resource.Meta = new Meta { VersionId = "1", LastUpdated = LastUpdated };

        var stored = Encoding.UTF8.GetString(StoredResourceJson.Of(Encoding.UTF8.GetBytes(body), resource));

        Assert.StartsWith("""{"resourceType":"Observation","id":"0a1b","meta":{"versionId":"1","lastUpdated":"2026-12-02T15:50:16.123""", stored, StringComparison.Ordinal);
        Assert.EndsWith("""},"status":"final","code":{"text":"x"},"valueQuantity":{"value":72.50}}""", stored, StringComparison.Ordinal);
    }
}
