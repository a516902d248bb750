using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Verification;

namespace Carechain.IntegrationTests.Supply;

/// <summary>Many scans checked in one request (POST /api/v1/supply/check) on a real node over HTTP.</summary>
public sealed class BatchCheckTests(SupplyDevNode net) : IClassFixture<SupplyDevNode>
{
    [Fact]
    public async Task Each_scan_gets_the_answer_a_single_check_gives_in_the_order_sent()
    {
        await net.CustodyAsync(net.Maker, CustodyAction.Ship, "pharmacy", "S0950");
        await net.CustodyAsync(net.Pharmacy, CustodyAction.Receive, null, "S0950");
        string[] codes = [SupplyDevNode.Code("S0950"), SupplyDevNode.Code("NOPE950"), "(01)09506000134353(21)X", SupplyDevNode.Code("S0950", "L9"), SupplyDevNode.Code("S0951")];
        var alertsBefore = (await net.AlertsAsync()).Next;

        var batch = await net.Client.CheckPacksAsync(codes, net.Pharmacy.PublicKey, "goods-in");

        Assert.Equal(codes, batch.Results.Select(r => r.Code));
        Assert.Equal(["authentic", "suspect", "unreadable", "suspect", "suspect"], batch.Results.Select(r => r.Status));
        Assert.Contains("check digit", batch.Results[2].Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([VerificationReasons.UnknownSerial], batch.Results[1].Reasons);
        Assert.Equal([VerificationReasons.HeldByOther], batch.Results[4].Reasons);
        foreach (var (code, result) in codes.Zip(batch.Results).Where(p => p.Second.Status != "unreadable"))
        {
            var single = await net.Client.CheckPackAsync(code, net.Pharmacy.PublicKey, "goods-in");
            Assert.Equal(single.Reasons, result.Reasons);
            Assert.Equal(single.History.Select(e => (e.Kind, e.TxId)), result.History.Select(e => (e.Kind, e.TxId)));
        }

        Assert.Equal(alertsBefore, (await net.AlertsAsync()).Next);
        var brief = await net.Client.CheckPacksAsync(codes, net.Pharmacy.PublicKey, "goods-in", history: false);
        Assert.Equal(batch.Results.Select(r => (r.Status, string.Join(',', r.Reasons))), brief.Results.Select(r => (r.Status, string.Join(',', r.Reasons))));
        Assert.All(brief.Results, r => Assert.Empty(r.History));
    }

    [Theory]
    [InlineData("{\"verifier\":\"abc\",\"codes\":[\"x\"]}")]
    [InlineData("{\"verifier\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"codes\":[]}")]
    [InlineData("{\"verifier\":\"0000000000000000000000000000000000000000000000000000000000000000\"}")]
    [InlineData("{\"verifier\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"location\":\"\\u0001\",\"codes\":[\"x\"]}")]
    [InlineData("[1,2]")]
    [InlineData("{\"verifier\":")]
    public async Task A_malformed_batch_is_a_problem(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await net.Node.Http.PostAsync("api/v1/supply/check", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        Assert.Equal("malformed_request", problem!["code"].GetString());
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused()
    {
        var codes = Enumerable.Repeat(SupplyDevNode.Code("S0001"), 1_001).ToArray();

        var refused = await Assert.ThrowsAsync<Client.CarechainApiException>(() => net.Client.CheckPacksAsync(codes, net.Pharmacy.PublicKey));

        Assert.Equal("malformed_request", refused.Code);
    }
}
