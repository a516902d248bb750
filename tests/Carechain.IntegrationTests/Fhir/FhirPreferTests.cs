using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Carechain.IntegrationTests.Records;
using static Carechain.IntegrationTests.Fhir.FhirRequests;

namespace Carechain.IntegrationTests.Fhir;

/// <summary><c>Prefer: return=minimal</c> on writes: the same write, validated, sealed and anchored, answered without the resource.</summary>
public sealed class FhirPreferTests
{
    [Fact]
    public async Task A_create_preferring_minimal_is_answered_201_with_location_and_etag_and_no_body_and_reads_back()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);

        using var created = await SendPreferringMinimalAsync(world.Node.Http, "fhir/Observation", token, Observation($"Patient/{world.Patient.PublicKey}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Empty(await created.Content.ReadAsByteArrayAsync());
        Assert.Equal("W/\"1\"", created.Headers.ETag?.ToString());
        var location = created.Headers.Location!.AbsolutePath;
        Assert.Matches("^/fhir/Observation/[0-9a-f]{64}/_history/1$", location);
        using var read = await SendAsync(world.Node.Http, HttpMethod.Get, location.TrimStart('/'), token);
        var stored = await AssertStatusAsync(read, HttpStatusCode.OK);
        Assert.Equal($"Patient/{world.Patient.PublicKey}", stored.GetProperty("subject").GetProperty("reference").GetString());
    }

    [Fact]
    public async Task A_transaction_preferring_minimal_answers_each_entry_with_status_and_location_but_no_resource()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var subject = $"Patient/{world.Patient.PublicKey}";
        var bundle = Bundle("transaction", (null, "POST", "Observation", Observation(subject)), (null, "POST", "Condition", Condition(subject)));

        using var answer = await SendPreferringMinimalAsync(world.Node.Http, "fhir", token, bundle);

        var response = await AssertStatusAsync(answer, HttpStatusCode.OK);
        var entries = response.GetProperty("entry").EnumerateArray().ToArray();
        Assert.Equal(2, entries.Length);
        Assert.All(entries, e => Assert.False(e.TryGetProperty("resource", out _)));
        Assert.All(entries, e => Assert.Equal("201 Created", e.GetProperty("response").GetProperty("status").GetString()));
        foreach (var entry in entries)
        {
            using var read = await SendAsync(world.Node.Http, HttpMethod.Get, "fhir/" + entry.GetProperty("response").GetProperty("location").GetString(), token);
            await AssertStatusAsync(read, HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_refused_write_preferring_minimal_still_gets_its_operation_outcome()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);

        using var refused = await SendPreferringMinimalAsync(world.Node.Http, "fhir/Observation", token, """{"resourceType":"Observation","status":"bogus"}""");

        await AssertOutcomeAsync(refused, HttpStatusCode.BadRequest, "code-invalid");
    }

    private static async Task<HttpResponseMessage> SendPreferringMinimalAsync(HttpClient http, string path, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, FhirJson) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Prefer", "return=minimal");
        return await http.SendAsync(request);
    }
}
