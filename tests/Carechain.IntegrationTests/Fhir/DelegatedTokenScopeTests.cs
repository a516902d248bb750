using System.Net;
using System.Text;
using System.Text.Json;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Records;
using Carechain.Ledger.Genesis;
using Carechain.Node.Auth;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>
/// ADR 0010: a delegated (cc2) token lets a peer node ask a custodian for its part of
/// <c>Patient/$everything</c> on a caller's behalf, and nothing else. On a real dev node, a token its own
/// node key issues for its own organisation is accepted by $everything and refused 403
/// <c>delegated_token_not_allowed</c> by every other route, FHIR or REST, with nothing written.
/// </summary>
public sealed class DelegatedTokenScopeTests
{
    private const string Code = "delegated_token_not_allowed";

    [Fact]
    public async Task A_delegated_token_serves_everything_and_is_refused_for_writes_reads_consent_sign_in_and_transactions()
    {
        await using var world = await RecordsNode.StartAsync();
        var key = world.Patient.PublicKey;
        var id = await CreateAsync(world, await world.TokenAsync(world.Clinician), "Observation", Observation(key, "8867-4", "2024-05-01"));
        using var nodeKey = SigningKey.FromSeed(Convert.FromHexString(File.ReadAllText(Path.Combine(world.Node.DataDirectory, "node.seed")).Trim()));
        var issuer = new DelegatedTokens(nodeKey, world.Node.ChainId, TimeProvider.System);
        var forClinician = issuer.Issue(world.Clinician.PublicKey, OrganisationId.Parse("dev"));
        var forPatient = issuer.Issue(key, OrganisationId.Parse("dev"));

        // What it was issued for: the custodian's part of $everything.
        foreach (var token in new[] { forClinician, forPatient })
        {
            using var everything = await SendAsync(world, HttpMethod.Get, $"fhir/Patient/{key}/$everything?_local=true", token);
            Assert.Equal([id], Ids(await ExpectAsync(everything, HttpStatusCode.OK)));
        }

        var observation = Observation(key, "8867-4", "2024-05-02");
        var bundle = $$"""{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"POST","url":"Observation"},"resource":{{observation}}}]}""";
        (HttpMethod Method, string Path, string? Body)[] fhir =
        [
            (HttpMethod.Post, "fhir/Observation", observation),
            (HttpMethod.Put, $"fhir/Observation/{id}", observation.Replace("{\"resourceType\":\"Observation\",", $"{{\"resourceType\":\"Observation\",\"id\":\"{id}\",", StringComparison.Ordinal)),
            (HttpMethod.Post, "fhir", bundle),
            (HttpMethod.Get, $"fhir/Observation/{id}", null),
            (HttpMethod.Get, $"fhir/Observation/{id}/_history", null),
            (HttpMethod.Get, $"fhir/Observation?patient=Patient/{key}", null),
            (HttpMethod.Get, $"fhir/Consent?patient=Patient/{key}", null),
            (HttpMethod.Get, "fhir/metadata", null),
        ];
        foreach (var (method, path, body) in fhir)
        {
            using var response = await SendAsync(world, method, path, forClinician, body is null ? null : new StringContent(body, Encoding.UTF8, FhirJson));
            var outcome = await ExpectAsync(response, HttpStatusCode.Forbidden);
            Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
            var issue = outcome.GetProperty("issue")[0];
            Assert.Equal("forbidden", issue.GetProperty("code").GetString());
            Assert.EndsWith($"[{Code}]", issue.GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
        }

        (HttpMethod Method, string Path, string? Body)[] rest =
        [
            (HttpMethod.Get, $"api/v1/patients/{key}/records", null),
            (HttpMethod.Get, $"api/v1/patients/{key}/access", null),
            (HttpMethod.Get, $"api/v1/records/{id}?purpose=TREAT", null),
            (HttpMethod.Post, "api/v1/auth/challenge", $$"""{"publicKey":"{{key}}"}"""),
            (HttpMethod.Post, "api/v1/transactions", """{"transaction":"AAAA"}"""),
            (HttpMethod.Post, "api/v1/membership/join", "{}"),
            (HttpMethod.Get, "api/v1/organisations/dev/break-glass/pending", null),
        ];
        foreach (var (method, path, body) in rest)
        {
            using var response = await SendAsync(world, method, path, forPatient, body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(Code, problem.RootElement.GetProperty("code").GetString());
        }

        // Nothing was written: the patient still has the one record, read with their own sign-in token.
        var records = await world.Client.GetPatientRecordsAsync(key, await world.TokenAsync(world.Patient));
        Assert.Equal([id], records.Records.Select(r => r.RecordId));

        // A token this node did not sign is still 401 on $everything, and the node's own tokens still work everywhere.
        using var stranger = SigningKey.Generate();
        var forged = new DelegatedTokens(stranger, world.Node.ChainId, TimeProvider.System).Issue(key, OrganisationId.Parse("dev"));
        using (var refused = await SendAsync(world, HttpMethod.Get, $"fhir/Patient/{key}/$everything?_local=true", forged))
        {
            await ExpectAsync(refused, HttpStatusCode.Unauthorized);
        }

        using var read = await SendAsync(world, HttpMethod.Get, $"fhir/Observation/{id}", await world.TokenAsync(world.Clinician));
        Assert.Equal(id, (await ExpectAsync(read, HttpStatusCode.OK)).GetProperty("id").GetString());
    }
}
