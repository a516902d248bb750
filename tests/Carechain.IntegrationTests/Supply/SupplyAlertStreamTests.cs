using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;

namespace Carechain.IntegrationTests.Supply;

/// <summary>The regulators' alert subscription: Server-Sent Events over real HTTP from a dev node.</summary>
public sealed class SupplyAlertStreamTests(SupplyDevNode net) : IClassFixture<SupplyDevNode>
{
    [Fact]
    public async Task A_regulator_receives_an_alert_pushed_after_a_suspect_scan_and_resumes_after_the_last_id()
    {
        // Other tests of the fixture raise alerts too: follow from the last one raised so far.
        var seen = (await net.AlertsAsync()).Next;
        using var stream = await OpenAsync(net.Regulator, lastEventId: seen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        var scan = await net.VerifyAsync(net.Patient, "NEVER01");
        var pushed = await stream.NextAlertAsync();

        Assert.Equal("suspect", scan.Status);
        Assert.Equal((scan.TxId, "NEVER01"), (pushed.Alert.TxId, pushed.Alert.Serial));
        Assert.Contains("unknown_serial", pushed.Alert.Reasons);
        Assert.Equal(pushed.Alert.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), pushed.Id);

        // Reconnecting with Last-Event-ID gets what came after it, and nothing before.
        await net.VerifyAsync(net.Patient, "NEVER02");
        using var resumed = await OpenAsync(net.Regulator, lastEventId: pushed.Id);
        var next = await resumed.NextAlertAsync();

        Assert.Equal(("NEVER02", pushed.Alert.Sequence + 1), (next.Alert.Serial, next.Alert.Sequence));
    }

    [Fact]
    public async Task Only_regulators_may_subscribe()
    {
        var token = await net.Client.AuthenticateAsync(net.Pharmacy);
        using var asPharmacy = new HttpRequestMessage(HttpMethod.Get, "api/v1/supply/alerts/stream");
        asPharmacy.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);

        using var forbidden = await net.Node.Http.SendAsync(asPharmacy);
        using var anonymous = await net.Node.Http.GetAsync("api/v1/supply/alerts/stream");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("\"forbidden\"", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("api/v1/supply/alerts")]
    [InlineData("api/v1/supply/alerts?after=0&waitMs=20000")]
    public async Task Only_regulators_may_list_alerts_or_wait_for_them(string path)
    {
        var token = await net.Client.AuthenticateAsync(net.Pharmacy);
        using var asPharmacy = new HttpRequestMessage(HttpMethod.Get, path);
        asPharmacy.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);

        using var forbidden = await net.Node.Http.SendAsync(asPharmacy);
        using var anonymous = await net.Node.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("\"forbidden\"", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"items\"", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_regulators_long_poll_returns_with_the_alert_the_next_block_commits()
    {
        var before = (await net.AlertsAsync()).Next;

        var waiting = net.AlertsAsync(before, TimeSpan.FromSeconds(25));
        var scan = await net.VerifyAsync(net.Patient, "NEVER03");
        var page = await waiting;

        Assert.Equal("suspect", scan.Status);
        Assert.Contains(page.Items, a => a.TxId == scan.TxId && a.Serial == "NEVER03");
        Assert.All(page.Items, a => Assert.True(a.Sequence > before));
    }

    [Fact]
    public async Task A_malformed_last_event_id_is_refused()
    {
        var token = await net.Client.AuthenticateAsync(net.Regulator);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/supply/alerts/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        request.Headers.Add("Last-Event-ID", "yesterday");

        using var response = await net.Node.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<EventStream> OpenAsync(SigningKey key, string? lastEventId = null)
    {
        var token = await net.Client.AuthenticateAsync(key);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/supply/alerts/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await net.Node.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Reads <c>text/event-stream</c> as the EventSource rules say: fields until a blank line dispatch one event.</summary>
    private sealed record EventStream(HttpResponseMessage Response, StreamReader Reader) : IDisposable
    {
        public async Task<(string? Id, SupplyAlertDto Alert)> NextAlertAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var (id, type, data) = ((string?)null, "message", new List<string>());
            while (await Reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (type == "alert")
                    {
                        return (id, JsonSerializer.Deserialize<SupplyAlertDto>(string.Join('\n', data), JsonSerializerOptions.Web)!);
                    }

                    (id, type) = (null, "message");
                    data.Clear();
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line[6..]);
                }
            }

            throw new EndOfStreamException("the stream ended before an alert");
        }

        public void Dispose()
        {
            Reader.Dispose();
            Response.Dispose();
        }
    }
}
