using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Consortium;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Consent;
using static Carechain.IntegrationTests.Consortium.ConsortiumCalls;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>
/// Purpose of use across a 3-member Raft network: the patient grants a researcher of another organisation
/// access for research (HRESCH) only, through the researcher's own member node; the custodian's node then
/// serves that researcher's reads made for research and refuses the same reads for treatment or payment,
/// and <c>$everything</c> gathered at the researcher's node carries the purpose on to the custodian.
/// </summary>
public sealed class ConsortiumPurposeOfUseTests
{
    private const string FhirJson = "application/fhir+json";

    [Fact]
    public async Task A_research_grant_made_at_one_node_serves_research_reads_only_at_the_custodians_node()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        var leaderIndex = await cluster.WaitForLeaderAsync();
        var leader = cluster.Clients[leaderIndex];

        // Custodian and researcher are both followers' organisations: the grant and the access events are forwarded to the leader.
        var (custodianIndex, researchIndex) = ((leaderIndex + 1) % 3, (leaderIndex + 2) % 3);
        var (custodianOrg, researchOrg) = ($"org{custodianIndex + 1}", $"org{researchIndex + 1}");
        using var custodianAdmin = cluster.NodeKey(custodianIndex);
        using var researchAdmin = cluster.NodeKey(researchIndex);
        using var patient = SigningKey.Generate();
        using var clinician = SigningKey.Generate();
        using var researcher = SigningKey.Generate();
        await SubmitAsync(leader, patient, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Pat", IdentityRole.Patient));
        await SubmitAsync(leader, custodianAdmin, IdentityModule.ModuleName, IdentityPayloads.AddMember, Member(clinician, "clinician", custodianOrg));
        var added = await SubmitAsync(leader, researchAdmin, IdentityModule.ModuleName, IdentityPayloads.AddMember, Member(researcher, "clinician", researchOrg));
        await cluster.WaitForAgreementAsync(added.Height);

        var custodian = cluster.Members[custodianIndex].ApiUrl;
        var clinicianToken = (await cluster.Clients[custodianIndex].AuthenticateAsync(clinician)).Token;
        var id = await CreateAsync(custodian, clinicianToken, patient.PublicKey);

        // The grant goes in at the researcher's node; it is for the researcher's key, for research only.
        var grant = await SubmitAsync(cluster.Clients[researchIndex], patient, RecordsModule.ModuleName, GrantRequest.Operation, new GrantRequest(
            Grantee.Of(researcher.PublicKey), new ConsentScope(["Observation"], []), PurposeOfUse.Research,
            DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()).Encode());
        await cluster.WaitForAgreementAsync(grant.Height);

        var atCustodian = (await cluster.Clients[custodianIndex].AuthenticateAsync(researcher)).Token;
        Assert.Equal(id, (await GetAsync(custodian, $"fhir/Observation/{id}", atCustodian, PurposeOfUse.Research, HttpStatusCode.OK)).GetProperty("id").GetString());
        foreach (var other in new string?[] { null, PurposeOfUse.Treatment, PurposeOfUse.Payment })
        {
            var refused = await GetAsync(custodian, $"fhir/Observation/{id}", atCustodian, other, HttpStatusCode.Forbidden);
            Assert.EndsWith("[no_consent]", refused.GetProperty("issue")[0].GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
        }

        var search = $"fhir/Observation?patient=Patient/{patient.PublicKey}";
        Assert.Equal([id], Ids(await GetAsync(custodian, search, atCustodian, PurposeOfUse.Research, HttpStatusCode.OK)));
        Assert.Equal(0, (await GetAsync(custodian, search, atCustodian, PurposeOfUse.Treatment, HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // $everything at the researcher's own node asks the custodian with the caller's purpose.
        var home = cluster.Members[researchIndex].ApiUrl;
        var atHome = (await cluster.Clients[researchIndex].AuthenticateAsync(researcher)).Token;
        var everything = $"fhir/Patient/{patient.PublicKey}/$everything";
        Assert.Equal([id], Ids(await GetAsync(home, everything, atHome, PurposeOfUse.Research, HttpStatusCode.OK)));
        var forTreatment = await GetAsync(home, everything, atHome, null, HttpStatusCode.OK);
        Assert.Equal((0, 0), (forTreatment.GetProperty("total").GetInt32(), Ids(forTreatment).Count));

        // Every served read was logged for research under the grant, and any member shows it to the patient.
        await cluster.WaitForAgreementAsync();
        var client = cluster.Clients[leaderIndex];
        var access = await client.GetPatientAccessAsync(patient.PublicKey, (await client.AuthenticateAsync(patient)).Token);
        var theirs = access.Events.Where(e => e.Reader == researcher.PublicKey.ToString()).ToList();
        Assert.Equal(3, theirs.Count);
        Assert.All(theirs, e => Assert.Equal((PurposeOfUse.Research, "grant", grant.TxId, id, researchOrg), (e.Purpose, e.Basis, e.BasisId, e.RecordId, e.ReaderOrganisation)));
    }

    private static async Task<string> CreateAsync(Uri node, string token, Ed25519PublicKey patient)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "fhir/Observation")
        {
            Content = new StringContent(
                $$"""{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/{{patient}}"} }""",
                Encoding.UTF8, FhirJson),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return (await ExpectAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> GetAsync(Uri node, string path, string token, string? purpose, HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (purpose is not null)
        {
            request.Headers.Add("X-Purpose-Of-Use", purpose);
        }

        using var response = await http.SendAsync(request);
        return await ExpectAsync(response, expected);
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static List<string> Ids(JsonElement bundle) =>
        bundle.TryGetProperty("entry", out var entries)
            ? [.. entries.EnumerateArray().Where(e => e.GetProperty("resource").GetProperty("resourceType").GetString() != "OperationOutcome")
                .Select(e => e.GetProperty("resource").GetProperty("id").GetString()!)]
            : [];
}
