using System.Net;
using Carechain.IntegrationTests.Records;
using Carechain.Modules.Identity;
using static Carechain.IntegrationTests.Fhir.FhirRequests;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>GET entries (read, vread, search) in batch and transaction Bundles: the same access checks and access events as direct calls.</summary>
public sealed class FhirBundleReadTests
{
    [Fact]
    public async Task Batch_reads_and_searches_are_checked_and_logged_like_direct_calls()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        using var created = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir/Observation", token, Observation($"Patient/{key}"));
        var id = (await AssertStatusAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var batch = Bundle("batch",
            (null, "GET", $"Observation/{id}", null),
            (null, "GET", $"Observation?patient=Patient/{key}&code=8867-4", null),
            (null, "GET", "Observation?gender=x", null));
        using var answer = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, batch);
        var entries = (await AssertStatusAsync(answer, HttpStatusCode.OK)).GetProperty("entry");
        Assert.Equal("batch-response", (await JsonAsync(answer)).GetProperty("type").GetString());
        Assert.StartsWith("200", entries[0].GetProperty("response").GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal(id, entries[0].GetProperty("resource").GetProperty("id").GetString());
        var found = entries[1].GetProperty("resource");
        Assert.Equal("searchset", found.GetProperty("type").GetString());
        Assert.Equal(id, found.GetProperty("entry")[0].GetProperty("resource").GetProperty("id").GetString());
        Assert.StartsWith("400", entries[2].GetProperty("response").GetProperty("status").GetString(), StringComparison.Ordinal);

        var access = await world.Client.GetPatientAccessAsync(key, await world.TokenAsync(world.Patient));
        Assert.Equal(2, access.Events.Count(e => e.RecordId == id && e.Reader == world.Clinician.PublicKey.ToString())); // the read and the search

        // A stranger's batch: the read is refused (403), the search finds nothing, nothing is logged for them.
        var stranger = await world.RegisterAsync(IdentityRole.Patient);
        using var refused = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", await world.TokenAsync(stranger), batch);
        var theirs = (await AssertStatusAsync(refused, HttpStatusCode.OK)).GetProperty("entry");
        Assert.StartsWith("403", theirs[0].GetProperty("response").GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal("forbidden", theirs[0].GetProperty("response").GetProperty("outcome").GetProperty("issue")[0].GetProperty("code").GetString());
        Assert.Equal(0, theirs[1].GetProperty("resource").GetProperty("total").GetInt32());
        access = await world.Client.GetPatientAccessAsync(key, await world.TokenAsync(world.Patient));
        Assert.DoesNotContain(access.Events, e => e.Reader == stranger.PublicKey.ToString());
    }

    [Fact]
    public async Task Transaction_reads_follow_its_writes_and_a_refused_read_refuses_the_whole_transaction()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;

        var transaction = Bundle("transaction",
            (null, "GET", $"Condition?patient={key}", null),
            ("urn:uuid:6f7b1a52-0c1e-4d0a-9a43-2f1c1e1d0a01", "POST", "Condition", Condition($"Patient/{key}")));
        using var answer = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, transaction);
        var entries = (await AssertStatusAsync(answer, HttpStatusCode.OK)).GetProperty("entry");
        var created = entries[1].GetProperty("resource").GetProperty("id").GetString();
        Assert.StartsWith("201", entries[1].GetProperty("response").GetProperty("status").GetString(), StringComparison.Ordinal);
        var searched = entries[0].GetProperty("resource");
        Assert.Equal(1, searched.GetProperty("total").GetInt32());
        Assert.Equal(created, searched.GetProperty("entry")[0].GetProperty("resource").GetProperty("id").GetString());

        var before = (await world.Client.GetHeadAsync()).Height;
        using var refused = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, Bundle("transaction",
            (null, "POST", "Condition", Condition($"Patient/{key}")),
            (null, "GET", $"Condition/{new string('0', 64)}", null)));
        var outcome = await AssertOutcomeAsync(refused, HttpStatusCode.NotFound, "not-found");
        Assert.StartsWith("Bundle.entry[1]", outcome.GetProperty("issue")[0].GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await world.Client.GetHeadAsync()).Height);
    }
}
