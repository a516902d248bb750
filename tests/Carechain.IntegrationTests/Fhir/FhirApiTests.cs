using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.IntegrationTests.Records;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Consent;
using Carechain.Modules.Records.Erasure;
using Carechain.Vault;
using Carechain.Vault.Records;

namespace Carechain.IntegrationTests.Fhir;

public sealed class FhirApiTests
{
    private const string FhirJson = "application/fhir+json";

    [Fact]
    public async Task Metadata_needs_no_token_and_everything_else_is_401_with_an_OperationOutcome()
    {
        await using var world = await RecordsNode.StartAsync();

        using var metadata = await world.Node.Http.GetAsync("fhir/metadata");
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Equal(FhirJson, metadata.Content.Headers.ContentType?.MediaType);
        Assert.Equal("CapabilityStatement", (await JsonAsync(metadata)).GetProperty("resourceType").GetString());

        using var none = await world.Node.Http.GetAsync("fhir/Patient/x");
        await AssertOutcomeAsync(none, HttpStatusCode.Unauthorized, "login");

        using var forged = new HttpRequestMessage(HttpMethod.Post, "fhir/Observation") { Content = Body(Observation(world.Patient.PublicKey)) };
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "cc1.AAAA.BBBB");
        using var refused = await world.Node.Http.SendAsync(forged);
        await AssertOutcomeAsync(refused, HttpStatusCode.Unauthorized, "login");
    }

    [Fact]
    public async Task An_invalid_resource_is_400_with_the_validators_issue_and_writes_nothing()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var before = (await world.Client.GetHeadAsync()).Height;

        using var invalid = await SendAsync(world, HttpMethod.Post, "fhir/Observation", token,
            """{"resourceType":"Observation","status":"not-a-status","code":{"text":"x"},"subject":{"reference":"Patient/""" + world.Patient.PublicKey + "\"}}");
        var outcome = await AssertOutcomeAsync(invalid, HttpStatusCode.BadRequest, "code-invalid");
        Assert.Contains("Observation.status", outcome.GetProperty("issue")[0].GetProperty("expression")[0].GetString(), StringComparison.Ordinal);

        using var unknownPatient = await SendAsync(world, HttpMethod.Post, "fhir/Observation", token, Observation(SigningKey.Generate().PublicKey));
        await AssertOutcomeAsync(unknownPatient, (HttpStatusCode)422, "processing");

        using var notAClinician = await SendAsync(world, HttpMethod.Post, "fhir/Observation", await world.TokenAsync(world.Patient), Observation(world.Patient.PublicKey));
        await AssertOutcomeAsync(notAClinician, HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(before, (await world.Client.GetHeadAsync()).Height);
    }

    [Fact]
    public async Task A_clinician_writes_and_reads_and_another_organisation_reads_only_under_a_live_grant()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);

        using var created = await SendAsync(world, HttpMethod.Post, "fhir/Observation", clinician, Observation(world.Patient.PublicKey));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var resource = await JsonAsync(created);
        var id = resource.GetProperty("id").GetString()!;
        Assert.Equal("1", resource.GetProperty("meta").GetProperty("versionId").GetString());
        Assert.EndsWith($"/fhir/Observation/{id}/_history/1", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var read = await SendAsync(world, HttpMethod.Get, $"fhir/Observation/{id}", clinician);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(FhirJson, read.Content.Headers.ContentType?.MediaType);
        Assert.Equal("8867-4", (await JsonAsync(read)).GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString());

        var update = Observation(world.Patient.PublicKey, id, "final");
        using var updated = await SendAsync(world, HttpMethod.Put, $"fhir/Observation/{id}", clinician, update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("2", (await JsonAsync(updated)).GetProperty("meta").GetProperty("versionId").GetString());
        using var first = await SendAsync(world, HttpMethod.Get, $"fhir/Observation/{id}/_history/1", clinician);
        Assert.Equal("preliminary", (await JsonAsync(first)).GetProperty("status").GetString());
        using var history = await SendAsync(world, HttpMethod.Get, $"fhir/Observation/{id}/_history", clinician);
        Assert.Equal(2, (await JsonAsync(history)).GetProperty("total").GetInt32());

        var doctor = await world.RegisterAsync(IdentityRole.Member);
        var doctorToken = await world.TokenAsync(doctor);
        using var denied = await SendAsync(world, HttpMethod.Get, $"fhir/Observation/{id}", doctorToken);
        await AssertOutcomeAsync(denied, HttpStatusCode.Forbidden, "forbidden");

        var grantTx = await world.RunAsync(world.Patient, GrantRequest.Operation, new GrantRequest(
            Grantee.Of(doctor.PublicKey), new ConsentScope(["Observation"], []), PurposeOfUse.Treatment, DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()).Encode());
        using var granted = await SendAsync(world, HttpMethod.Get, $"fhir/Observation/{id}", doctorToken);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("final", (await JsonAsync(granted)).GetProperty("status").GetString());

        await world.RunAsync(world.Patient, RevokeRequest.Operation, new RevokeRequest(Hash256.Parse(grantTx)).Encode());
        using var revoked = await SendAsync(world, HttpMethod.Get, $"fhir/Observation/{id}", doctorToken);
        await AssertOutcomeAsync(revoked, HttpStatusCode.Forbidden, "forbidden");

        var access = await world.Client.GetPatientAccessAsync(world.Patient.PublicKey, await world.TokenAsync(world.Patient));
        Assert.Single(access.Events, e => e.Reader == doctor.PublicKey.ToString() && e.BasisId == grantTx);
        Assert.Equal(4, access.Events.Count); // read, vread, history by the clinician; one read by the doctor under the grant

        await world.RunAsync(world.Patient, EraseRequest.Operation, new EraseRequest(Hash256.Parse(id)).Encode());
        using var gone = await SendAsync(world, HttpMethod.Get, $"fhir/Observation/{id}", clinician);
        await AssertOutcomeAsync(gone, HttpStatusCode.Gone, "deleted");
    }

    [Fact]
    public async Task The_ciphertext_in_the_vault_is_what_the_chain_anchored()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var patient = $$"""{"resourceType":"Patient","identifier":[{"system":"urn:carechain:key","value":"{{world.Patient.PublicKey}}"}],"name":[{"family":"Doe"}]}""";
        using var created = await SendAsync(world, HttpMethod.Post, "fhir/Patient", clinician, patient);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetString()!;
        Assert.Equal(world.Patient.PublicKey.ToString(), id);

        var anchored = await world.Client.ReadRecordAsync(Hash256.Parse(id), PurposeOfUse.Treatment, clinician);
        await world.Node.StopAsync();
        await using var store = await VaultStores.OpenAsync(VaultBackend.RocksDb, world.Node.DataDirectory, postgres: null);
        var stored = await store.GetAsync(RecordId.Parse(id), 1);
        Assert.Equal(anchored.Record.CiphertextHash, stored.Record!.CiphertextHash.ToString());
        Assert.True(File.Exists(Path.Combine(world.Node.DataDirectory, "vault.key")));
    }

    private static string Observation(Ed25519PublicKey patient, string? id = null, string status = "preliminary") =>
        "{\"resourceType\":\"Observation\"," + (id is null ? string.Empty : $"\"id\":\"{id}\",") + $"\"status\":\"{status}\","
        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},"
        + $"\"subject\":{{\"reference\":\"Patient/{patient}\"}},\"valueQuantity\":{{\"value\":72,\"unit\":\"/min\"}}}}";

    private static StringContent Body(string json) => new(json, Encoding.UTF8, FhirJson);

    private static async Task<HttpResponseMessage> SendAsync(RecordsNode world, HttpMethod method, string path, string token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = Body(body);
        }

        return await world.Node.Http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static async Task<JsonElement> AssertOutcomeAsync(HttpResponseMessage response, HttpStatusCode status, string issueCode)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        var outcome = await JsonAsync(response);
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        Assert.Equal(issueCode, outcome.GetProperty("issue")[0].GetProperty("code").GetString());
        return outcome;
    }
}
