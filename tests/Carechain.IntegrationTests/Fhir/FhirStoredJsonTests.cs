using System.Net;
using Carechain.Fhir.Parsing;
using Carechain.IntegrationTests.Records;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>A single create stores the body as sent with the server's id and meta spliced in (StoredResourceJson), not a re-serialisation.</summary>
public sealed class FhirStoredJsonTests
{
    [Fact]
    public async Task A_created_record_reads_back_byte_for_byte_as_valid_FHIR_with_its_id_and_meta()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var body = $$"""
            {
              "resourceType": "Observation", "id": "client-chosen",
              "meta": {"versionId": "7", "lastUpdated": "2001-01-01T00:00:00Z"},
              "status": "final",
              "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}], "text": "Zo\u00eb's heart rate"},
              "subject": {"reference": "Patient/{{world.Patient.PublicKey}}"},
              "valueQuantity": {"value": 72.50, "unit": "/min"}
            }
            """;

        using var created = await FhirRequests.SendAsync(world.Node.Http, HttpMethod.Post, "fhir/Observation", token, body);
        await FhirRequests.AssertStatusAsync(created, HttpStatusCode.Created);
        var answered = await created.Content.ReadAsByteArrayAsync();
        var id = created.Headers.Location!.Segments[^3].TrimEnd('/');

        using var read = await FhirRequests.SendAsync(world.Node.Http, HttpMethod.Get, $"fhir/Observation/{id}", token);
        await FhirRequests.AssertStatusAsync(read, HttpStatusCode.OK);
        var stored = await read.Content.ReadAsByteArrayAsync();
        Assert.Equal(answered, stored);

        var resource = FhirResourceReader.Read(stored, "Observation");
        Assert.Equal(id, resource.Id);
        Assert.Equal("1", resource.Meta!.VersionId);
        Assert.NotNull(resource.Meta.LastUpdated);
        Assert.True(resource.Meta.LastUpdated > DateTimeOffset.Parse("2020-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var text = System.Text.Encoding.UTF8.GetString(stored);
        Assert.StartsWith($$"""{"resourceType":"Observation","id":"{{id}}","meta":{"versionId":"1","lastUpdated":""", text, StringComparison.Ordinal);
        Assert.Contains("\"value\": 72.50", text, StringComparison.Ordinal);
        Assert.DoesNotContain("client-chosen", text, StringComparison.Ordinal);
    }
}
