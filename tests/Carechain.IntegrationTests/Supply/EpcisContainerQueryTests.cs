using System.Text.Json.Nodes;
using Carechain.Client;
using Carechain.Client.Epcis;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Epcis;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.IntegrationTests.Supply;

/// <summary><c>GET /epcis/events?epc=</c> naming a case (SSCC) on a real node over HTTP: its packing, the events applied to it, its unpacking.</summary>
public sealed class EpcisContainerQueryTests(SupplyDevNode net) : IClassFixture<SupplyDevNode>
{
    private static readonly Sscc Case = Sscc.Parse("0950600000000003" + "1" + Gs1CheckDigit.Compute("09506000000000031"));

    [Fact]
    public async Task A_case_query_answers_its_packing_its_custody_events_and_its_unpacking()
    {
        PackId[] packs = [SupplyDevNode.Pack("S0720"), SupplyDevNode.Pack("S0721")];
        await net.CommitAsync(net.Maker, s => s.AggregationAsync(true, new AggregationRequest(Case, packs, "line-1")));
        await net.CommitAsync(net.Maker, s => s.CustodyAsync(CustodyAction.Ship, new CustodyRequest([], OrganisationId.Parse("wholesaler"), string.Empty, "dock-1", [Case])));
        await net.CommitAsync(net.Wholesaler, s => s.CustodyAsync(CustodyAction.Receive, new CustodyRequest([], null, string.Empty, string.Empty, [Case])));
        await net.CommitAsync(net.Wholesaler, s => s.AggregationAsync(false, new AggregationRequest(Case, [], "dock-2")));

        var byUrn = JsonNode.Parse((await net.Client.GetEpcisEventsAsync("urn:epc:id:sscc:950600.00000000031", await net.RegulatorTokenAsync())).GetRawText())!;
        var byLink = await net.Client.GetEpcisEventsAsync("https://id.gs1.org/00/" + Case.Value, await net.RegulatorTokenAsync());

        var events = byUrn["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray().Select(e => e!.AsObject()).ToArray();
        Assert.Equal(byLink.GetProperty("epcisBody").ToString(), byUrn["epcisBody"]!.ToJsonString());
        Assert.Equal(
            [("AggregationEvent", "packing", "ADD"), ("ObjectEvent", "shipping", "OBSERVE"), ("ObjectEvent", "receiving", "OBSERVE"), ("AggregationEvent", "unpacking", "DELETE")],
            events.Select(e => ((string?)e["type"], (string?)e["bizStep"], (string?)e["action"])));
        string[] children = ["urn:epc:id:sgtin:950600.0013435.S0720", "urn:epc:id:sgtin:950600.0013435.S0721"];
        foreach (var aggregation in new[] { events[0], events[3] })
        {
            Assert.Equal("urn:epc:id:sscc:950600.00000000031", (string?)aggregation["parentID"]);
            Assert.Equal(children, aggregation["childEPCs"]!.AsArray().Select(c => (string?)c));
        }

        Assert.Equal("urn:epc:id:sscc:950600.00000000031", (string?)Assert.Single(events[1]["epcList"]!.AsArray()));
        Assert.Equal(("urn:carechain:org:wholesaler", "in_transit"), ((string?)events[1]["destinationList"]![0]!["destination"], (string?)events[1]["disposition"]));
        Assert.Equal(("urn:carechain:org:wholesaler", "active"), ((string?)events[2]["bizLocation"]!["id"], (string?)events[2]["disposition"]));
        Assert.All(events, e => Assert.Equal(EpcisEventHash.Compute(e, byUrn["@context"]), (string?)e["eventID"]));
        Assert.Equal(4, events.Select(e => (string?)e["eventID"]).Distinct().Count());
    }

    [Fact]
    public async Task A_case_never_packed_has_no_events()
    {
        var query = await net.Client.GetEpcisEventsAsync("(00)" + Sscc.Parse("0950600000000009" + "9" + Gs1CheckDigit.Compute("09506000000000099")).Value, await net.RegulatorTokenAsync());

        Assert.Equal(0, query.GetProperty("epcisBody").GetProperty("queryResults").GetProperty("resultsBody").GetProperty("eventList").GetArrayLength());
    }
}
