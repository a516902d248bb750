using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Records;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>FHIR calls over real HTTP with a bearer token, and the resources the search tests write.</summary>
internal static class FhirCalls
{
    public const string FhirJson = "application/fhir+json";

    public static async Task<JsonElement> GetAsync(RecordsNode world, string path, string token, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(world, HttpMethod.Get, path, token);
        return await ExpectAsync(response, expected);
    }

    /// <summary>Writes a resource as a clinical member and answers its id.</summary>
    public static async Task<string> CreateAsync(RecordsNode world, string token, string type, string json)
    {
        using var response = await SendAsync(world, HttpMethod.Post, $"fhir/{type}", token, new StringContent(json, Encoding.UTF8, FhirJson));
        return (await ExpectAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    public static async Task<HttpResponseMessage> SendAsync(RecordsNode world, HttpMethod method, string path, string token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await world.Node.Http.SendAsync(request);
    }

    public static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// <paramref name="clients"/> clients, each on its own HTTP connection to <paramref name="baseAddress"/>, POST the
    /// same Observation with the same If-None-Exist <paramref name="criteria"/> at once; each answer's status (201 or
    /// 200, asserted) and the id of the record it names.
    /// </summary>
    public static async Task<(HttpStatusCode StatusCode, string Id)[]> RaceConditionalPostsAsync(Uri baseAddress, string token, string json, string criteria, int clients)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            using var request = new HttpRequestMessage(HttpMethod.Post, "fhir/Observation") { Content = new StringContent(json, Encoding.UTF8, FhirJson) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.TryAddWithoutValidation("If-None-Exist", criteria);
            await start.Task;
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {body}");
            using var document = JsonDocument.Parse(body);
            return (response.StatusCode, Id: document.RootElement.GetProperty("id").GetString()!);
        })));
        start.SetResult();
        return await racing;
    }

    public static IReadOnlyList<string> Ids(JsonElement bundle) =>
        bundle.TryGetProperty("entry", out var entries) ? [.. entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()!)] : [];

    /// <summary>The relative path of a bundle link (self, next, previous), or null.</summary>
    public static string? Link(JsonElement bundle, string relation)
    {
        var link = bundle.GetProperty("link").EnumerateArray().FirstOrDefault(l => l.GetProperty("relation").GetString() == relation);
        return link.ValueKind == JsonValueKind.Undefined ? null : new Uri(link.GetProperty("url").GetString()!).PathAndQuery.TrimStart('/');
    }

    public static string Patient(Ed25519PublicKey key, string family, string given, string birthDate) =>
        $$"""{"resourceType":"Patient","identifier":[{"system":"urn:carechain:key","value":"{{key}}"}],"name":[{"family":"{{family}}","given":["{{given}}"]}],"birthDate":"{{birthDate}}"}""";

    public static string Observation(Ed25519PublicKey patient, string loinc, string effective, string category = "vital-signs") =>
        $$"""
        {"resourceType":"Observation","status":"final",
         "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"{{category}}"}]}],
         "code":{"coding":[{"system":"http://loinc.org","code":"{{loinc}}"}]},
         "subject":{"reference":"Patient/{{patient}}"},"effectiveDateTime":"{{effective}}",
         "valueQuantity":{"value":72,"unit":"/min"} }
        """;

    public static string Condition(Ed25519PublicKey patient) =>
        $$"""{"resourceType":"Condition","code":{"coding":[{"system":"http://snomed.info/sct","code":"38341003"}]},"subject":{"reference":"Patient/{{patient}}"},"onsetDateTime":"2020-02-01"}""";
}
