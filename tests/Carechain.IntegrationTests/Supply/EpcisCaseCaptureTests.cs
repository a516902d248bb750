using System.Text.Json.Nodes;
using Carechain.Client;
using Carechain.Client.Epcis;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.IntegrationTests.Supply;

/// <summary>EPCIS capture of custody ObjectEvents naming a case (SSCC) in <c>epcList</c>, on a real node over HTTP: the event moves every pack in the case.</summary>
public sealed class EpcisCaseCaptureTests(SupplyDevNode net) : IClassFixture<SupplyDevNode>
{
    private static readonly Sscc Case = Sscc.Parse("0950600000000005" + "1" + Gs1CheckDigit.Compute("09506000000000051"));

    [Fact]
    public async Task Shipping_and_receiving_a_case_by_capture_move_every_pack_packed_in_it()
    {
        PackId[] packs = [SupplyDevNode.Pack("S0730"), SupplyDevNode.Pack("S0731")];
        await net.CommitAsync(net.Maker, s => s.AggregationAsync(true, new AggregationRequest(Case, packs, "line-1")));

        var shipping = CaseEvent("shipping", "in_transit", "urn:epc:id:sscc:950600.00000000051");
        shipping["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = EpcisMapping.OrganisationUrn + "wholesaler" });
        await (await TransactionSigner.ForNodeAsync(net.Client, net.Maker)).SignAsync(shipping, 2026);
        await net.Client.CaptureEpcisAsync(EpcisMapping.Document([shipping], 1_800_000_000_000));
        var shipped = await net.WaitForStatusAsync("S0731", "in_transit");

        var receiving = CaseEvent("receiving", "in_progress", "https://id.gs1.org/00/" + Case.Value);
        await (await TransactionSigner.ForNodeAsync(net.Client, net.Wholesaler)).SignAsync(receiving, 2026);
        await net.Client.CaptureEpcisAsync(EpcisMapping.Document([receiving], 1_800_000_000_000));
        var received = await net.WaitForStatusAsync("S0730", "active");

        Assert.Equal("wholesaler", shipped.Receiver);
        Assert.Equal("wholesaler", received.Holder);
        Assert.Equal("wholesaler", (await net.Client.GetPackAsync(SupplyDevNode.Code("S0731"), await net.RegulatorTokenAsync())).Holder);
        var caseQuery = JsonNode.Parse((await net.Client.GetEpcisEventsAsync("(00)" + Case.Value, await net.RegulatorTokenAsync())).GetRawText())!;
        Assert.Equal(
            ["packing", "shipping", "receiving"],
            caseQuery["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray().Select(e => (string?)e!["bizStep"]));
    }

    [Theory]
    [InlineData("commissioning", "ADD", "SSCC")]
    [InlineData("shipping", "OBSERVE", "neither a pack")]
    public async Task Events_that_cannot_name_a_case_or_name_neither_a_pack_nor_a_case_are_refused_with_the_reason(string step, string action, string reason)
    {
        var e = EpcisMapping.ObjectEvent(step, action, [], 1_800_000_000_000);
        e["epcList"] = new JsonArray(step == "commissioning" ? "urn:epc:id:sscc:950600.00000000051" : "https://id.gs1.org/01/09506000134352");
        e["ilmd"] = new JsonObject { ["cbvmda:lotNumber"] = "L9", ["cbvmda:itemExpirationDate"] = "2030-06-30" };

        var refused = await Assert.ThrowsAsync<CarechainApiException>(() => net.Client.CaptureEpcisAsync(EpcisMapping.Document([e], 1_800_000_000_000)));

        Assert.Equal("epcis_invalid", refused.Code);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    private static JsonObject CaseEvent(string step, string disposition, string caseEpc)
    {
        var e = EpcisMapping.ObjectEvent(step, "OBSERVE", [], 1_800_000_000_000);
        e["epcList"] = new JsonArray(caseEpc);
        e["disposition"] = disposition;
        return e;
    }
}
