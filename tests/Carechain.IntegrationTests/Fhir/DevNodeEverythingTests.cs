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

    [Fact]
    public async Task Everything_pages_by_count_in_record_order_and_since_keeps_later_records()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var earlier = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            earlier.Add(await FhirCalls.CreateAsync(world, clinician, "Observation", FhirCalls.Observation(key, "8867-4", $"2024-05-0{i + 1}")));
        }

        world.Clock.Advance(TimeSpan.FromHours(2));
        clinician = await world.TokenAsync(world.Clinician);
        var since = world.Clock.GetUtcNow().AddMinutes(-30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var later = new List<string>
        {
            await FhirCalls.CreateAsync(world, clinician, "Condition", FhirCalls.Condition(key)),
            await FhirCalls.CreateAsync(world, clinician, "Observation", FhirCalls.Observation(key, "8867-4", "2024-06-01")),
        };

        var path = $"fhir/Patient/{key}/$everything";
        var first = await FhirCalls.GetAsync(world, $"{path}?_count=2", clinician);
        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(2, FhirCalls.Ids(first).Count);
        Assert.Null(FhirCalls.Link(first, "previous"));
        var second = await FhirCalls.GetAsync(world, FhirCalls.Link(first, "next")!, clinician);
        var third = await FhirCalls.GetAsync(world, FhirCalls.Link(second, "next")!, clinician);
        Assert.Null(FhirCalls.Link(third, "next"));
        Assert.Equal($"{path}?_count=2&_offset=0", FhirCalls.Link(second, "previous"));
        Assert.Equal(
            earlier.Concat(later).Order(StringComparer.Ordinal),
            FhirCalls.Ids(first).Concat(FhirCalls.Ids(second)).Concat(FhirCalls.Ids(third)));

        var recent = await FhirCalls.GetAsync(world, $"{path}?_since={Uri.EscapeDataString(since)}", clinician);
        Assert.Equal(later.Order(StringComparer.Ordinal), FhirCalls.Ids(recent));
        Assert.Equal(2, recent.GetProperty("total").GetInt32());

        foreach (var refused in new[] { "_count=0", "_count=SECRET", "_offset=-1", "_since=SECRET", "start=SECRET", "_local=maybe" })
        {
            using var response = await FhirCalls.SendAsync(world, HttpMethod.Get, $"{path}?{refused}", clinician);
            var text = await response.Content.ReadAsStringAsync();
            await FhirCalls.ExpectAsync(response, HttpStatusCode.BadRequest);
            Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        }
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
