using System.Collections.Concurrent;
using System.Net;
using Carechain.Core.Hashing;
using Carechain.IntegrationTests.Records;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Consent;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>
/// Many readers at once: their access events are group-committed, several reads to one
/// records/access-log transaction, and each read must still stand alone: served exactly when its own
/// event committed, refused without an event otherwise, even while the patient revokes a grant.
/// </summary>
public sealed class FhirConcurrentReadTests
{
    [Fact]
    public async Task Concurrent_reads_by_several_readers_are_each_logged_once_and_only_when_served()
    {
        const int Rounds = 40;
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await CreateAsync(world, clinician, "Observation", Observation(world.Patient.PublicKey, "8867-4", $"2024-05-01T10:00:0{i}Z")));
        }

        var doctor = await world.RegisterAsync(IdentityRole.Member);
        var stranger = await world.RegisterAsync(IdentityRole.Member);
        var grantTx = await world.RunAsync(world.Patient, GrantRequest.Operation, new GrantRequest(
            Grantee.Of(doctor.PublicKey), new ConsentScope(["Observation"], []), PurposeOfUse.Treatment, DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()).Encode());
        var tokens = new Dictionary<string, string>
        {
            ["clinician"] = clinician, ["doctor"] = await world.TokenAsync(doctor), ["stranger"] = await world.TokenAsync(stranger),
        };
        var served = new ConcurrentDictionary<string, int>();
        var refused = new ConcurrentDictionary<string, int>();

        var reads = Enumerable.Range(0, Rounds).SelectMany(round => tokens.Select(t => Task.Run(async () =>
        {
            using var response = await SendAsync(world, HttpMethod.Get, $"fhir/Observation/{ids[round % ids.Count]}", t.Value);
            var tally = response.StatusCode == HttpStatusCode.OK ? served : response.StatusCode == HttpStatusCode.Forbidden ? refused : null;
            Assert.True(tally is not null, $"{t.Key} got HTTP {(int)response.StatusCode}");
            tally!.AddOrUpdate(t.Key, 1, (_, n) => n + 1);
        }))).ToList();
        await Task.Delay(50);
        reads.Add(Task.Run(() => world.RunAsync(world.Patient, RevokeRequest.Operation, new RevokeRequest(Hash256.Parse(grantTx)).Encode())));
        await Task.WhenAll(reads);

        Assert.Equal(Rounds, served.GetValueOrDefault("clinician"));
        Assert.Equal(Rounds, refused.GetValueOrDefault("stranger"));
        Assert.Equal(Rounds, served.GetValueOrDefault("doctor") + refused.GetValueOrDefault("doctor"));
        var events = await AccessEventsAsync(world);
        Assert.Equal(Rounds, events.Count(e => e.Reader == world.Clinician.PublicKey.ToString()));
        Assert.Equal(served.GetValueOrDefault("doctor"), events.Count(e => e.Reader == doctor.PublicKey.ToString()));
        Assert.All(events.Where(e => e.Reader == doctor.PublicKey.ToString()), e => Assert.Equal(grantTx, e.BasisId));
        Assert.DoesNotContain(events, e => e.Reader == stranger.PublicKey.ToString());

        // Each read is its own AuditEvent, even where reads of several callers shared a transaction.
        var audit = await GetAsync(world, $"fhir/AuditEvent?patient=Patient/{world.Patient.PublicKey}&_count=1", await world.TokenAsync(world.Patient));
        Assert.Equal(events.Count, audit.GetProperty("total").GetInt32());
    }

    private static async Task<List<Client.Contracts.AccessEventDto>> AccessEventsAsync(RecordsNode world)
    {
        var token = await world.TokenAsync(world.Patient);
        var events = new List<Client.Contracts.AccessEventDto>();
        string? after = null;
        do
        {
            var page = await world.Client.GetPatientAccessAsync(world.Patient.PublicKey, token, after);
            events.AddRange(page.Events);
            after = page.Next;
        }
        while (after is not null);
        return events;
    }
}
