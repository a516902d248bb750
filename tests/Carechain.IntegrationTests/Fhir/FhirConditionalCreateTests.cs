using System.Net;
using System.Text;
using Carechain.IntegrationTests.Records;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>Conditional create: If-None-Exist on POST and request.ifNoneExist in transaction and batch Bundles.</summary>
public sealed class FhirConditionalCreateTests
{
    private const string Lab = "urn:example:lab";

    [Fact]
    public async Task If_none_exist_creates_once_then_answers_the_existing_record_and_412_when_several_match()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;

        using var first = await PostAsync(world, token, "Observation", Labelled(key, "A-1"), "identifier=urn:example:lab|A-1");
        var created = await ExpectAsync(first, HttpStatusCode.Created);
        using var again = await PostAsync(world, token, "Observation", Labelled(key, "A-1"), "identifier=urn:example:lab|A-1");
        var existing = await ExpectAsync(again, HttpStatusCode.OK);
        Assert.Equal(created.GetProperty("id").GetString(), existing.GetProperty("id").GetString());
        Assert.Equal("1", existing.GetProperty("meta").GetProperty("versionId").GetString());
        Assert.Single(Ids(await GetAsync(world, "fhir/Observation?identifier=urn:example:lab|A-1", token)));

        // Served content is a read: the patient sees it in their access list.
        var access = await world.Client.GetPatientAccessAsync(key, await world.TokenAsync(world.Patient));
        Assert.Contains(access.Events, e => e.RecordId == created.GetProperty("id").GetString() && e.Reader == world.Clinician.PublicKey.ToString());

        await CreateAsync(world, token, "Observation", Labelled(key, "A-1")); // unconditional: now two match
        using var several = await PostAsync(world, token, "Observation", Labelled(key, "A-1"), "identifier=urn:example:lab|A-1");
        await ExpectAsync(several, HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, Ids(await GetAsync(world, "fhir/Observation?identifier=urn:example:lab|A-1", token)).Count);

        using var bad = await PostAsync(world, token, "Observation", Labelled(key, "A-2"), "gender=SECRET");
        Assert.DoesNotContain("SECRET", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ExpectAsync(bad, HttpStatusCode.BadRequest);
        Assert.Empty(Ids(await GetAsync(world, "fhir/Observation?identifier=urn:example:lab|A-2", token)));
    }

    [Fact]
    public async Task Bundle_entries_with_if_none_exist_reuse_the_match_and_refuse_several()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var known = await CreateAsync(world, token, "Condition", LabelledCondition(key, "C-1"));

        // Transaction: the matched Condition is not written again, and a reference to its fullUrl resolves to it.
        var transaction = Bundle("transaction",
            ("urn:uuid:00000000-0000-0000-0000-000000000001", "Condition", LabelledCondition(key, "C-1"), "identifier=urn:example:lab|C-1"),
            ("urn:uuid:00000000-0000-0000-0000-000000000002", "Observation",
                Labelled(key, "O-1", "urn:uuid:00000000-0000-0000-0000-000000000001"), "identifier=urn:example:lab|O-1"));
        var answer = await PostBundleAsync(world, token, transaction, HttpStatusCode.OK);
        var entries = answer.GetProperty("entry");
        Assert.StartsWith("200", entries[0].GetProperty("response").GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal($"Condition/{known}/_history/1", entries[0].GetProperty("response").GetProperty("location").GetString());
        Assert.StartsWith("201", entries[1].GetProperty("response").GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal($"Condition/{known}", entries[1].GetProperty("resource").GetProperty("focus")[0].GetProperty("reference").GetString());
        Assert.Single(Ids(await GetAsync(world, "fhir/Condition?identifier=urn:example:lab|C-1", token)));

        // The same transaction again writes nothing.
        var repeat = await PostBundleAsync(world, token, transaction, HttpStatusCode.OK);
        Assert.All(repeat.GetProperty("entry").EnumerateArray(), e => Assert.StartsWith("200", e.GetProperty("response").GetProperty("status").GetString(), StringComparison.Ordinal));
        Assert.Single(Ids(await GetAsync(world, "fhir/Observation?identifier=urn:example:lab|O-1", token)));

        // Several matches: a transaction is refused whole (412), a batch refuses that entry only.
        await CreateAsync(world, token, "Condition", LabelledCondition(key, "C-1"));
        var ambiguous = ("urn:uuid:00000000-0000-0000-0000-000000000003", "Condition", LabelledCondition(key, "C-1"), "identifier=urn:example:lab|C-1");
        var fresh = ("urn:uuid:00000000-0000-0000-0000-000000000004", "Observation", Labelled(key, "O-2"), (string?)"identifier=urn:example:lab|O-2");
        await PostBundleAsync(world, token, Bundle("transaction", ambiguous, fresh), HttpStatusCode.PreconditionFailed);
        Assert.Empty(Ids(await GetAsync(world, "fhir/Observation?identifier=urn:example:lab|O-2", token)));
        var batch = await PostBundleAsync(world, token, Bundle("batch", ambiguous, fresh), HttpStatusCode.OK);
        Assert.StartsWith("412", batch.GetProperty("entry")[0].GetProperty("response").GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("201", batch.GetProperty("entry")[1].GetProperty("response").GetProperty("status").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(RecordsNode world, string token, string type, string json, string criteria)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"fhir/{type}") { Content = new StringContent(json, Encoding.UTF8, FhirJson) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("If-None-Exist", criteria);
        return await world.Node.Http.SendAsync(request);
    }

    private static async Task<System.Text.Json.JsonElement> PostBundleAsync(RecordsNode world, string token, string bundle, HttpStatusCode expected)
    {
        using var response = await SendAsync(world, HttpMethod.Post, "fhir", token, new StringContent(bundle, Encoding.UTF8, FhirJson));
        return await ExpectAsync(response, expected);
    }

    private static string Bundle(string type, params (string FullUrl, string Type, string Resource, string? IfNoneExist)[] entries) =>
        "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + string.Join(",", entries.Select(e =>
            $"{{\"fullUrl\":\"{e.FullUrl}\",\"resource\":{e.Resource},\"request\":{{\"method\":\"POST\",\"url\":\"{e.Type}\""
            + (e.IfNoneExist is null ? string.Empty : $",\"ifNoneExist\":\"{e.IfNoneExist}\"") + "}}")) + "]}";

    private static string Labelled(Core.Crypto.Ed25519PublicKey patient, string label, string? focus = null)
    {
        var about = focus is null ? string.Empty : ",\"focus\":[{\"reference\":\"" + focus + "\"}]";
        return $$"""
            {"resourceType":"Observation","status":"final","identifier":[{"system":"{{Lab}}","value":"{{label}}"}],
             "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/{{patient}}"}{{about}} }
            """;
    }

    private static string LabelledCondition(Core.Crypto.Ed25519PublicKey patient, string label) =>
        $$$"""{"resourceType":"Condition","identifier":[{"system":"{{{Lab}}}","value":"{{{label}}}"}],"code":{"text":"x"},"subject":{"reference":"Patient/{{{patient}}}"}}""";
}
