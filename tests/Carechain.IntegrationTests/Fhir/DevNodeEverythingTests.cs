using System.Net;
using System.Net.Http.Headers;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Records;
using Carechain.Modules.Identity;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Task = System.Threading.Tasks.Task;

namespace Carechain.IntegrationTests.Fhir;

/// <summary><c>Patient/$everything</c> on one dev node, through the Firely SDK's FhirClient: only what the caller may read, as a searchset, each read logged.</summary>
public sealed class DevNodeEverythingTests
{
    [Fact]
    public async Task Everything_on_a_dev_node_answers_the_callers_readable_records_and_logs_each_read()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await ClientAsync(world, world.Clinician);
        Resource?[] created =
        [
            await clinician.CreateAsync(new Observation
            {
                Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "8867-4"), Subject = new ResourceReference($"Patient/{world.Patient.PublicKey}"),
            }),
            await clinician.CreateAsync(new Condition
            {
                Code = new CodeableConcept("http://snomed.info/sct", "195967001"), Subject = new ResourceReference($"Patient/{world.Patient.PublicKey}"),
            }),
        ];

        var mine = await EverythingAsync(await ClientAsync(world, world.Patient), world.Patient.PublicKey);
        Assert.Equal(Bundle.BundleType.Searchset, mine.Type);
        Assert.Equal(2, mine.Total);
        Assert.Equal(created.Select(c => c!.Id).Order(StringComparer.Ordinal), mine.Entry.Select(e => e.Resource!.Id).Order(StringComparer.Ordinal));
        var access = await world.Client.GetPatientAccessAsync(world.Patient.PublicKey, await world.TokenAsync(world.Patient));
        Assert.Equal(2, access.Events.Count(e => e.Basis == "patient-self"));

        // Another patient, with no right to these records, gets an empty searchset, not an error.
        var outsider = await ClientAsync(world, await world.RegisterAsync(IdentityRole.Patient));
        Assert.Equal(0, (await EverythingAsync(outsider, world.Patient.PublicKey)).Total);

        var unknown = await Assert.ThrowsAsync<FhirOperationException>(() => EverythingAsync(clinician, SigningKey.Generate().PublicKey));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"fhir/Patient/{world.Patient.PublicKey}/$everything?_local=maybe");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await world.TokenAsync(world.Clinician));
        using var invalid = await world.Node.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    private static async Task<Bundle> EverythingAsync(FhirClient client, Ed25519PublicKey patient) =>
        Assert.IsType<Bundle>(await client.InstanceOperationAsync(new Uri($"Patient/{patient}", UriKind.Relative), "everything", useGet: true));

    private static async Task<FhirClient> ClientAsync(RecordsNode world, SigningKey key)
    {
#pragma warning disable CA2000 // The FhirClient owns the HttpClient for the test's lifetime.
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
#pragma warning restore CA2000
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await world.TokenAsync(key));
        return new FhirClient(new Uri(world.Node.Http.BaseAddress!, "fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json });
    }
}
