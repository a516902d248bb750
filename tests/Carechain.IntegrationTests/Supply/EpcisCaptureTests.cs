using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carechain.Client;
using Carechain.Client.Epcis;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Events;

namespace Carechain.IntegrationTests.Supply;

public sealed class EpcisCaptureTests(SupplyDevNode net) : IClassFixture<SupplyDevNode>
{
    [Fact]
    public async Task A_signed_shipping_event_is_captured_once_and_moves_the_pack()
    {
        var document = await ShippingDocumentAsync("S0600");

        var accepted = await net.Client.CaptureEpcisAsync(document);
        var pack = await WaitForStatusAsync("S0600", "in_transit");
        var again = await Assert.ThrowsAsync<CarechainApiException>(() => net.Client.CaptureEpcisAsync(JsonNode.Parse(document.ToJsonString())!.AsObject()));

        Assert.Equal(64, accepted.CaptureId.Length);
        Assert.Equal("pending", Assert.Single(accepted.Events).Status);
        Assert.Equal("wholesaler", pack.Receiver);
        Assert.Equal("epcis_duplicate_capture", again.Code);
        var job = await net.Client.GetEpcisCaptureJobAsync(accepted.CaptureId);
        Assert.Equal((false, true, "rollback"), (job.Running, job.Success, job.CaptureErrorBehaviour));
        Assert.NotNull(job.FinishedAt);
        Assert.Empty(job.Errors);
    }

    [Fact]
    public async Task A_capture_whose_transaction_is_rejected_in_its_block_reports_the_error_when_polled()
    {
        // Receiving a pack that was never shipped to the receiver maps to a valid event but fails on the chain.
        var pack = SupplyDevNode.Pack("S0603");
        var signer = await TransactionSigner.ForNodeAsync(net.Client, net.Wholesaler);
        var tx = await signer.CustodyAsync(CustodyAction.Receive, new CustodyRequest([pack], null, string.Empty, string.Empty));
        var receiving = EpcisMapping.ObjectEvent("receiving", "OBSERVE", [pack], 1_800_000_000_000, Convert.ToBase64String(tx.Encoded.Span));
        receiving["disposition"] = "in_progress";
        var accepted = await net.Client.CaptureEpcisAsync(EpcisMapping.Document([receiving], 1_800_000_000_000));

        var job = await net.Client.GetEpcisCaptureJobAsync(accepted.CaptureId);
        for (var i = 0; i < 100 && job.Running; i++)
        {
            await Task.Delay(100);
            job = await net.Client.GetEpcisCaptureJobAsync(accepted.CaptureId);
        }

        Assert.False(job.Running);
        Assert.False(job.Success);
        Assert.Equal(tx.Id.ToString(), Assert.Single(job.Errors).TxId);
        Assert.Equal("active", (await net.Client.GetPackAsync(SupplyDevNode.Code("S0603"))).Status);
    }

    [Theory]
    [InlineData("epcis/capture/zz", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("epcis/capture/0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.NotFound, "not_found")]
    public async Task Unknown_or_malformed_capture_ids_get_problem_json(string path, HttpStatusCode status, string code)
    {
        using var response = await net.Node.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>())!["code"].GetString());
    }

    [Fact]
    public async Task An_event_that_differs_from_its_signed_transaction_is_refused_and_nothing_is_admitted()
    {
        var document = await ShippingDocumentAsync("S0601");
        var events = document["epcisBody"]!["eventList"]!.AsArray();
        events[0]!["destinationList"]![0]!["destination"] = EpcisMapping.OrganisationUrn + "pharmacy";

        var refused = await Assert.ThrowsAsync<CarechainApiException>(() => net.Client.CaptureEpcisAsync(document));

        Assert.Equal("epcis_invalid", refused.Code);
        Assert.Equal("active", (await net.Client.GetPackAsync(SupplyDevNode.Code("S0601"))).Status);
    }

    [Fact]
    public async Task Transformation_events_are_refused_with_a_clear_reason()
    {
        var document = EpcisMapping.Document([new JsonObject { ["type"] = "TransformationEvent", ["action"] = "ADD" }], 0);

        var refused = await Assert.ThrowsAsync<CarechainApiException>(() => net.Client.CaptureEpcisAsync(document));

        Assert.Equal("epcis_invalid", refused.Code);
        Assert.Contains("TransformationEvent", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_aggregation_event_packs_a_case()
    {
        var sscc = Modules.Supply.Gs1.Sscc.Parse("095060000000000022");
        var signer = await TransactionSigner.ForNodeAsync(net.Client, net.Maker);
        var packs = new[] { SupplyDevNode.Pack("S0700"), SupplyDevNode.Pack("S0701") };
        var tx = await signer.AggregationAsync(true, new Modules.Supply.Packs.AggregationRequest(sscc, packs, string.Empty));
        var packing = new JsonObject
        {
            ["type"] = "AggregationEvent",
            ["eventTime"] = "2027-01-01T00:00:00.000Z",
            ["eventTimeZoneOffset"] = "+00:00",
            ["parentID"] = "https://id.gs1.org/00/" + sscc.Value,
            ["childEPCs"] = new JsonArray([.. packs.Select(p => (JsonNode)JsonValue.Create(p.ToDigitalLink()))]),
            ["action"] = "ADD",
            ["bizStep"] = "packing",
            [EpcisMapping.TransactionMember] = Convert.ToBase64String(tx.Encoded.Span),
        };

        var accepted = await net.Client.CaptureEpcisAsync(EpcisMapping.Document([packing], 0));
        var history = await WaitForKindAsync("S0701", "aggregated");

        Assert.Equal("pending", Assert.Single(accepted.Events).Status);
        Assert.Equal(sscc.Value, history.Reason);
    }

    [Fact]
    public async Task Epc_urns_are_accepted_in_capture_and_query()
    {
        var document = await ShippingDocumentAsync("S0602");
        var urn = "urn:epc:id:sgtin:950600.0013435.S0602";
        document["epcisBody"]!["eventList"]![0]!["epcList"] = new JsonArray(urn);

        await net.Client.CaptureEpcisAsync(document);
        await WaitForStatusAsync("S0602", "in_transit");
        var byUrn = await net.Client.GetEpcisEventsAsync(urn);
        var byLink = await net.Client.GetEpcisEventsAsync("https://id.gs1.org/01/09506000134352/21/S0602");

        Assert.Equal(byLink.GetProperty("epcisBody").ToString(), byUrn.GetProperty("epcisBody").ToString());
        Assert.Contains("shipping", byUrn.GetProperty("epcisBody").ToString(), StringComparison.Ordinal);
    }

    private async Task<Client.Contracts.SupplyEventDto> WaitForKindAsync(string serial, string kind)
    {
        for (var i = 0; i < 100; i++)
        {
            var pack = await net.Client.GetPackAsync(SupplyDevNode.Code(serial));
            if (pack.History.FirstOrDefault(e => e.Kind == kind) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"pack {serial} never got a {kind} event");
    }

    private async Task<JsonObject> ShippingDocumentAsync(string serial)
    {
        var pack = SupplyDevNode.Pack(serial);
        var signer = await TransactionSigner.ForNodeAsync(net.Client, net.Maker);
        var tx = await signer.CustodyAsync(CustodyAction.Ship, new CustodyRequest([pack], OrganisationId.Parse("wholesaler"), string.Empty, string.Empty));
        var shipping = EpcisMapping.ObjectEvent("shipping", "OBSERVE", [pack], 1_800_000_000_000, Convert.ToBase64String(tx.Encoded.Span));
        shipping["disposition"] = "in_transit";
        shipping["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = EpcisMapping.OrganisationUrn + "wholesaler" });
        return EpcisMapping.Document([shipping], 1_800_000_000_000);
    }

    private async Task<Client.Contracts.PackDto> WaitForStatusAsync(string serial, string status)
    {
        for (var i = 0; i < 100; i++)
        {
            var pack = await net.Client.GetPackAsync(SupplyDevNode.Code(serial));
            if (pack.Status == status)
            {
                return pack;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"pack {serial} never became {status}");
    }
}
