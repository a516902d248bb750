using Carechain.IntegrationTests.Records;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>
/// Many clients writing at once: each create's anchor is signed by the node key, so the node must
/// hand out its nonces without a gap or a repeat while blocks commit under it.
/// </summary>
public sealed class FhirConcurrentWriteTests
{
    [Fact]
    public async Task Thousands_of_creates_from_concurrent_clients_all_commit_with_distinct_ids()
    {
        const int Clients = 128, Creates = 2_000;
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        var next = -1;

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < Creates)
            {
                ids.Add(await CreateAsync(world, clinician, "Observation", Observation(key, "8867-4", $"2024-05-01T{i / 3600:D2}:{i / 60 % 60:D2}:{i % 60:D2}Z")));
            }
        })));

        Assert.Equal(Creates, ids.Distinct().Count());
        var page = await GetAsync(world, $"fhir/Observation?patient=Patient/{key}&_count=1", clinician);
        Assert.Equal(Creates, page.GetProperty("total").GetInt32());

        // Anchors of concurrent creates share anchor-log transactions, yet each version is its own Provenance.
        var patientToken = await world.TokenAsync(world.Patient);
        var provenance = new List<string>();
        for (var offset = 0; offset < Creates; offset += 500)
        {
            provenance.AddRange(Ids(await GetAsync(world, $"fhir/Provenance?patient=Patient/{key}&_count=500&_offset={offset}", patientToken)));
        }

        Assert.Equal(Creates, provenance.Distinct().Count());
        var shared = provenance.First(id => id.Contains('-', StringComparison.Ordinal));
        Assert.Equal(shared, (await GetAsync(world, $"fhir/Provenance/{shared}", patientToken)).GetProperty("id").GetString());
    }
}
