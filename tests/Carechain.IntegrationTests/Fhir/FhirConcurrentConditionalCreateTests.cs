using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Records;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>
/// Conditional creates racing with the same criteria (FHIR R4 3.1.0.8.1): many clients, each on its own
/// HTTP connection to a real dev node, send the same resource with the same If-None-Exist at once, as a
/// single POST and as transaction and batch Bundle entries. Exactly one is created (201); every other
/// answers 200 with that record, and a search finds it once.
/// </summary>
public sealed class FhirConcurrentConditionalCreateTests
{
    private const int Clients = 24;
    private const string Lab = "urn:example:lab";

    [Fact]
    public async Task Concurrent_identical_if_none_exist_posts_create_exactly_one_record()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var answers = await RaceConditionalPostsAsync(world.Node.Http.BaseAddress!, token, Labelled(key, "RACE-1"), $"identifier={Lab}|RACE-1", Clients);

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var created = answers.Single(a => a.StatusCode == HttpStatusCode.Created).Id;
        Assert.All(answers, a => Assert.Equal(created, a.Id));
        Assert.Equal([created], Ids(await GetAsync(world, $"fhir/Observation?identifier={Lab}|RACE-1", token)));
        var records = await world.Client.GetPatientRecordsAsync(key, await world.TokenAsync(world.Patient));
        Assert.Single(records.Records);
    }

    [Fact]
    public async Task Concurrent_bundles_and_posts_with_the_same_if_none_exist_create_exactly_one_record()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var criteria = $"identifier={Lab}|RACE-2";
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A third of the clients send a transaction, a third a batch, a third a single POST; every one names the same criteria.
        var racing = Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = world.Node.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var kind = (i % 3) switch { 0 => "transaction", 1 => "batch", _ => "post" };
            using var request = kind == "post"
                ? Post(token, "fhir/Observation", Labelled(key, "RACE-2"))
                : Post(token, "fhir", Bundle(kind, Labelled(key, "RACE-2"), criteria));
            if (kind == "post")
            {
                request.Headers.TryAddWithoutValidation("If-None-Exist", criteria);
            }

            await start.Task;
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (kind == "post")
            {
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {body}");
                return (Created: response.StatusCode == HttpStatusCode.Created, Id: root.GetProperty("id").GetString()!);
            }

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind} {response.StatusCode}: {body}");
            var entry = root.GetProperty("entry")[0].GetProperty("response");
            var status = entry.GetProperty("status").GetString()!;
            Assert.True(status.StartsWith("201", StringComparison.Ordinal) || status.StartsWith("200", StringComparison.Ordinal), $"{kind} entry {status}: {body}");
            return (Created: status.StartsWith("201", StringComparison.Ordinal), Id: entry.GetProperty("location").GetString()!.Split('/')[1]);
        })));
        start.SetResult();
        var answers = await racing;

        Assert.Single(answers, a => a.Created);
        var created = answers.Single(a => a.Created).Id;
        Assert.All(answers, a => Assert.Equal(created, a.Id));
        Assert.Equal([created], Ids(await GetAsync(world, $"fhir/Observation?{criteria}", token)));
    }

    [Fact]
    public async Task Concurrent_conditional_creates_with_different_criteria_each_create_their_own_record()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racing = Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = world.Node.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            using var request = Post(token, "fhir/Observation", Labelled(key, $"OWN-{i}"));
            request.Headers.TryAddWithoutValidation("If-None-Exist", $"identifier={Lab}|OWN-{i}");
            await start.Task;
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        })));
        start.SetResult();
        var answers = await racing;

        Assert.All(answers, s => Assert.Equal(HttpStatusCode.Created, s));
        var page = await GetAsync(world, $"fhir/Observation?patient=Patient/{key}&_count=1", token);
        Assert.Equal(Clients, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_stalled_upload_does_not_hold_up_a_conditional_create_with_the_same_criteria()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var criteria = $"identifier={Lab}|STALL-1";
        using var http = new HttpClient { BaseAddress = world.Node.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var stalled = new StalledContent(Encoding.UTF8.GetBytes(Labelled(key, "STALL-1")));
        using var slow = Post(token, "fhir/Observation", stalled);
        slow.Headers.TryAddWithoutValidation("If-None-Exist", criteria);
        var slowAnswer = http.SendAsync(slow);
        await stalled.HalfSent.WaitAsync(TimeSpan.FromSeconds(30));
        // Give the node time to take the stalled request's headers and reach the point where it would wait for the lock.
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        try
        {
            using var fast = Post(token, "fhir/Observation", Labelled(key, "STALL-1"));
            fast.Headers.TryAddWithoutValidation("If-None-Exist", criteria);
            using var created = await http.SendAsync(fast).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.False(slowAnswer.IsCompleted);
            using var createdBody = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            var id = createdBody.RootElement.GetProperty("id").GetString();

            stalled.Release();
            using var found = await slowAnswer;
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
            using var foundBody = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
            Assert.Equal(id, foundBody.RootElement.GetProperty("id").GetString());
            Assert.Equal([id!], Ids(await GetAsync(world, $"fhir/Observation?{criteria}", token)));
        }
        finally
        {
            stalled.Release();
        }
    }

    private static HttpRequestMessage Post(string token, string path, string json) =>
        Post(token, path, new StringContent(json, Encoding.UTF8, FhirJson));

    private static HttpRequestMessage Post(string token, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static string Bundle(string type, string resource, string ifNoneExist) =>
        $$$"""{"resourceType":"Bundle","type":"{{{type}}}","entry":[{"fullUrl":"urn:uuid:00000000-0000-0000-0000-000000000001","resource":{{{resource}}},"request":{"method":"POST","url":"Observation","ifNoneExist":"{{{ifNoneExist}}}"}}]}""";

    private static string Labelled(Ed25519PublicKey patient, string label) =>
        $$"""
        {"resourceType":"Observation","status":"final","identifier":[{"system":"{{Lab}}","value":"{{label}}"}],
         "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/{{patient}}"} }
        """;

    /// <summary>A body of declared length sent in two halves, the second only once <see cref="Release"/> is called: a slow upload.</summary>
    private sealed class StalledContent(byte[] body) : HttpContent
    {
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task HalfSent => _halfSent.Task;

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var half = body.Length / 2;
            await stream.WriteAsync(body.AsMemory(0, half));
            await stream.FlushAsync();
            _halfSent.TrySetResult();
            await _released.Task;
            await stream.WriteAsync(body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
