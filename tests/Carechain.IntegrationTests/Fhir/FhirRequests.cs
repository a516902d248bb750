using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Carechain.Core.Crypto;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>Plain HTTP calls to a node's /fhir with a bearer token, and the assertions on FHIR answers the tests share.</summary>
internal static class FhirRequests
{
    public const string FhirJson = "application/fhir+json";

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, FhirJson);
        }

        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        return await JsonAsync(response);
    }

    public static async Task<JsonElement> AssertOutcomeAsync(HttpResponseMessage response, HttpStatusCode status, string issueCode)
    {
        var outcome = await AssertStatusAsync(response, status);
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        Assert.Equal(issueCode, outcome.GetProperty("issue")[0].GetProperty("code").GetString());
        return outcome;
    }

    public static string Patient(Ed25519PublicKey key) =>
        $$"""{"resourceType":"Patient","identifier":[{"system":"urn:carechain:key","value":"{{key}}"}],"name":[{"family":"Doe"}]}""";

    /// <summary>A heart-rate Observation whose subject is <paramref name="subject"/> (<c>Patient/HEX</c> or a <c>urn:uuid:</c>).</summary>
    public static string Observation(string subject, string? id = null, string status = "preliminary") =>
        "{\"resourceType\":\"Observation\"," + (id is null ? string.Empty : $"\"id\":\"{id}\",") + $"\"status\":\"{status}\","
        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},"
        + $"\"subject\":{{\"reference\":\"{subject}\"}},\"valueQuantity\":{{\"value\":72,\"unit\":\"/min\"}}}}";

    public static string Condition(string subject) =>
        $$$"""{"resourceType":"Condition","code":{"text":"Hypertension"},"subject":{"reference":"{{{subject}}}"}}""";

    /// <summary>A Bundle of <paramref name="type"/> whose entries are (fullUrl or null, method, url, resource JSON or null).</summary>
    public static string Bundle(string type, params (string? FullUrl, string Method, string Url, string? Resource)[] entries)
    {
        var items = entries.Select(e =>
            "{" + (e.FullUrl is null ? string.Empty : $"\"fullUrl\":\"{e.FullUrl}\",") + (e.Resource is null ? string.Empty : $"\"resource\":{e.Resource},")
            + $"\"request\":{{\"method\":\"{e.Method}\",\"url\":\"{e.Url}\"}}}}");
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + string.Join(",", items) + "]}";
    }
}
