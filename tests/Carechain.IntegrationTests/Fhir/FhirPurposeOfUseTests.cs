using System.Net;
using System.Net.Http.Headers;
using Carechain.IntegrationTests.Records;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Consent;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>The X-Purpose-Of-Use header: a grant limited to one purpose serves reads made for that purpose only.</summary>
public sealed class FhirPurposeOfUseTests
{
    [Fact]
    public async Task A_research_grant_serves_research_reads_only_and_the_access_event_records_the_purpose()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var id = await CreateAsync(world, clinician, "Observation", Observation(key, "8867-4", "2024-05-01"));
        var researcher = await world.RegisterAsync(IdentityRole.Member);
        await world.RunAsync(world.Patient, GrantRequest.Operation, new GrantRequest(
            Grantee.Of(researcher.PublicKey), new ConsentScope(["Observation"], []), PurposeOfUse.Research,
            DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()).Encode());
        var token = await world.TokenAsync(researcher);

        // No header means TREAT, which the grant does not cover; the same for a stated other purpose.
        await ReadAsync(world, $"fhir/Observation/{id}", token, null, HttpStatusCode.Forbidden);
        await ReadAsync(world, $"fhir/Observation/{id}", token, PurposeOfUse.Payment, HttpStatusCode.Forbidden);
        Assert.Equal(0, (await ReadAsync(world, "fhir/Observation", token, null, HttpStatusCode.OK)).GetProperty("total").GetInt32());

        var read = await ReadAsync(world, $"fhir/Observation/{id}", token, PurposeOfUse.Research, HttpStatusCode.OK);
        Assert.Equal(id, read.GetProperty("id").GetString());
        Assert.Equal([id], Ids(await ReadAsync(world, "fhir/Observation?code=8867-4", token, PurposeOfUse.Research, HttpStatusCode.OK)));
        Assert.Equal([id], Ids(await ReadAsync(world, $"fhir/Patient/{key}/$everything", token, PurposeOfUse.Research, HttpStatusCode.OK)));
        Assert.Empty(Ids(await ReadAsync(world, $"fhir/Patient/{key}/$everything", token, null, HttpStatusCode.OK)));

        var access = await world.Client.GetPatientAccessAsync(key, await world.TokenAsync(world.Patient));
        var theirs = access.Events.Where(e => e.Reader == researcher.PublicKey.ToString()).ToList();
        Assert.Equal(3, theirs.Count);
        Assert.All(theirs, e => Assert.Equal((PurposeOfUse.Research, "grant", id), (e.Purpose, e.Basis, e.RecordId)));

        // The custodian's own clinicians read for treatment as before; an unknown code is 400.
        Assert.Equal(id, (await ReadAsync(world, $"fhir/Observation/{id}", clinician, null, HttpStatusCode.OK)).GetProperty("id").GetString());
        await ReadAsync(world, $"fhir/Observation/{id}", token, "SECRET", HttpStatusCode.BadRequest);
    }

    private static async Task<System.Text.Json.JsonElement> ReadAsync(RecordsNode world, string path, string token, string? purpose, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (purpose is not null)
        {
            request.Headers.Add("X-Purpose-Of-Use", purpose);
        }

        using var response = await world.Node.Http.SendAsync(request);
        return await ExpectAsync(response, expected);
    }
}
