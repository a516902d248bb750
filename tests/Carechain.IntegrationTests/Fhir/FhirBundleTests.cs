using System.Net;
using System.Text.Json;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Records;
using Carechain.Vault;
using Carechain.Vault.Records;
using Carechain.Vault.Storage;
using static Carechain.IntegrationTests.Fhir.FhirRequests;

namespace Carechain.IntegrationTests.Fhir;

public sealed class FhirBundleTests
{
    [Fact]
    public async Task A_transaction_resolves_urn_uuid_references_and_anchors_every_entry_in_one_block()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        const string PatientUrl = "urn:uuid:0b5c5f0e-4d8e-4f7b-9a53-1f4f6c1e2a01";
        var bundle = Bundle(
            "transaction",
            (PatientUrl, "POST", "Patient", Patient(world.Patient.PublicKey)),
            ("urn:uuid:0b5c5f0e-4d8e-4f7b-9a53-1f4f6c1e2a02", "POST", "Observation", Observation(PatientUrl)),
            (null, "POST", "Condition", Condition(PatientUrl)),
            (null, "POST", "DiagnosticReport",
                $$"""{"resourceType":"DiagnosticReport","status":"final","code":{"text":"Heart rate"},"subject":{"reference":"{{PatientUrl}}"},"result":[{"reference":"urn:uuid:0b5c5f0e-4d8e-4f7b-9a53-1f4f6c1e2a02"}]}"""));

        using var answer = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, bundle);
        var response = await AssertStatusAsync(answer, HttpStatusCode.OK);
        Assert.Equal("transaction-response", response.GetProperty("type").GetString());
        var entries = response.GetProperty("entry").EnumerateArray().ToArray();
        Assert.Equal(4, entries.Length);
        Assert.All(entries, e => Assert.Equal("201 Created", e.GetProperty("response").GetProperty("status").GetString()));
        Assert.Equal($"Patient/{world.Patient.PublicKey}/_history/1", entries[0].GetProperty("response").GetProperty("location").GetString());

        var observation = entries[1].GetProperty("response").GetProperty("location").GetString()!;
        Assert.StartsWith("Observation/", observation, StringComparison.Ordinal);
        using var read = await SendAsync(world.Node.Http, HttpMethod.Get, "fhir/" + observation, token);
        var stored = await AssertStatusAsync(read, HttpStatusCode.OK);
        Assert.Equal($"Patient/{world.Patient.PublicKey}", stored.GetProperty("subject").GetProperty("reference").GetString());

        using var report = await SendAsync(world.Node.Http, HttpMethod.Get, "fhir/" + entries[3].GetProperty("response").GetProperty("location").GetString(), token);
        var result = (await AssertStatusAsync(report, HttpStatusCode.OK)).GetProperty("result")[0].GetProperty("reference").GetString();
        Assert.Equal(observation[..observation.IndexOf("/_history", StringComparison.Ordinal)], result);

        var records = await world.Client.GetPatientRecordsAsync(world.Patient.PublicKey, await world.TokenAsync(world.Patient));
        Assert.Equal(4, records.Records.Count);
        Assert.Single(records.Records.Select(r => r.Height).Distinct());
    }

    [Fact]
    public async Task A_transaction_with_one_refused_entry_writes_nothing_to_the_vault_or_the_chain()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var before = (await world.Client.GetHeadAsync()).Height;
        var bundle = Bundle(
            "transaction",
            ("urn:uuid:6f2d0c8e-0a55-4a7e-8b1e-3d3c2b1a0001", "POST", "Patient", Patient(world.Patient.PublicKey)),
            (null, "POST", "Observation", Observation("urn:uuid:6f2d0c8e-0a55-4a7e-8b1e-3d3c2b1a0001")),
            (null, "POST", "Observation", Observation($"Patient/{SigningKey.Generate().PublicKey}")));

        using var refused = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, bundle);
        var outcome = await AssertOutcomeAsync(refused, (HttpStatusCode)422, "processing");
        Assert.StartsWith("Bundle.entry[2]: ", outcome.GetProperty("issue")[0].GetProperty("diagnostics").GetString(), StringComparison.Ordinal);

        using var dangling = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token,
            Bundle("transaction", (null, "POST", "Observation", Observation("urn:uuid:6f2d0c8e-0a55-4a7e-8b1e-3d3c2b1a0fff"))));
        await AssertOutcomeAsync(dangling, HttpStatusCode.BadRequest, "not-found");

        Assert.Equal(before, (await world.Client.GetHeadAsync()).Height);
        await world.Node.StopAsync();
        await using var store = await VaultStores.OpenAsync(VaultBackend.RocksDb, world.Node.DataDirectory, postgres: null);
        Assert.Equal(RecordState.NotFound, (await store.GetAsync(RecordId.Parse(world.Patient.PublicKey.ToString()), 1)).State);
    }

    [Fact]
    public async Task A_batch_answers_each_entry_on_its_own()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var subject = $"Patient/{world.Patient.PublicKey}";
        using var first = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir/Observation", token, Observation(subject));
        var existing = (await AssertStatusAsync(first, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var bundle = Bundle(
            "batch",
            (null, "POST", "Observation", Observation(subject)),
            (null, "POST", "Observation", Observation($"Patient/{SigningKey.Generate().PublicKey}")),
            (null, "PUT", $"Observation/{existing}", Observation(subject, existing, "final")),
            (null, "GET", $"Observation/{existing}/_history/1", null),
            (null, "GET", $"Observation/{new string('0', 64)}", null));
        using var answer = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, bundle);
        var response = await AssertStatusAsync(answer, HttpStatusCode.OK);
        Assert.Equal("batch-response", response.GetProperty("type").GetString());
        var statuses = response.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("response").GetProperty("status").GetString()!).ToArray();
        Assert.Equal(["201 Created", "422 Unprocessable Entity", "200 OK", "200 OK", "404 Not Found"], statuses);
        var refused = response.GetProperty("entry")[1].GetProperty("response").GetProperty("outcome");
        Assert.Equal("OperationOutcome", refused.GetProperty("resourceType").GetString());
        Assert.Equal("preliminary", response.GetProperty("entry")[3].GetProperty("resource").GetProperty("status").GetString());

        using var read = await SendAsync(world.Node.Http, HttpMethod.Get, $"fhir/Observation/{existing}", token);
        Assert.Equal("final", (await AssertStatusAsync(read, HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bad_bundles_are_400_or_413_and_write_nothing()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var before = (await world.Client.GetHeadAsync()).Height;
        var observation = Observation($"Patient/{world.Patient.PublicKey}");

        using var collection = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, Bundle("collection", (null, "POST", "Observation", observation)));
        await AssertOutcomeAsync(collection, HttpStatusCode.BadRequest, "invalid");

        using var delete = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token,
            Bundle("transaction", (null, "POST", "Observation", observation), (null, "DELETE", "Observation/abc", null)));
        await AssertOutcomeAsync(delete, HttpStatusCode.BadRequest, "not-supported");

        using var conditionalUpdate = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, Bundle("batch", (null, "PUT", "Observation?code=8867-4", observation)));
        await AssertOutcomeAsync(conditionalUpdate, HttpStatusCode.BadRequest, "not-supported");

        using var mismatch = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, Bundle("transaction", (null, "POST", "Condition", observation)));
        await AssertOutcomeAsync(mismatch, HttpStatusCode.BadRequest, "invalid");

        var many = Enumerable.Repeat<(string?, string, string, string?)>((null, "POST", "Observation", observation), 101).ToArray();
        using var tooMany = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, Bundle("transaction", many));
        await AssertOutcomeAsync(tooMany, HttpStatusCode.BadRequest, "too-costly");

        using var twice = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token,
            Bundle("transaction", (null, "POST", "Patient", Patient(world.Patient.PublicKey)), (null, "POST", "Patient", Patient(world.Patient.PublicKey))));
        await AssertOutcomeAsync(twice, HttpStatusCode.BadRequest, "invalid");

        using var malformed = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, "{\"resourceType\":\"Bundle\",");
        await AssertOutcomeAsync(malformed, HttpStatusCode.BadRequest, "structure");

        using var huge = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, new string(' ', 9 * 1024 * 1024));
        await AssertOutcomeAsync(huge, HttpStatusCode.RequestEntityTooLarge, "too-costly");

        using var anonymous = await world.Node.Http.PostAsync("fhir", new StringContent(observation));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        Assert.Equal(before, (await world.Client.GetHeadAsync()).Height);
    }
}
