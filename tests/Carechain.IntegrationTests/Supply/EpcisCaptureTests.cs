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
        var receiving = EpcisMapping.ObjectEvent("receiving", "OBSERVE", [pack], 1_800_000_000_000);
        receiving["disposition"] = "in_progress";
        var tx = await signer.SignAsync(receiving, 2026);
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
        var packing = new JsonObject
        {
            ["type"] = "AggregationEvent",
            ["eventTime"] = "2027-01-01T00:00:00.000Z",
            ["eventTimeZoneOffset"] = "+00:00",
            ["parentID"] = "https://id.gs1.org/00/" + sscc.Value,
            ["childEPCs"] = new JsonArray([.. packs.Select(p => (JsonNode)JsonValue.Create(p.ToDigitalLink()))]),
            ["action"] = "ADD",
            ["bizStep"] = "packing",
        };
        await signer.SignAsync(packing, 2026);

        var accepted = await net.Client.CaptureEpcisAsync(EpcisMapping.Document([packing], 0));
        var history = await WaitForKindAsync("S0701", "aggregated");
        var query = JsonNode.Parse((await net.Client.GetEpcisEventsAsync("urn:epc:id:sgtin:950600.0013435.S0701")).GetRawText())!;
        var aggregation = Assert.Single(query["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray(), e => (string?)e!["type"] == "AggregationEvent")!;

        Assert.Equal("pending", Assert.Single(accepted.Events).Status);
        Assert.Equal(sscc.Value, history.Reason);
        Assert.Equal(("urn:epc:id:sscc:950600.00000000002", "urn:epc:id:sgtin:950600.0013435.S0701", "ADD", "packing"),
            ((string?)aggregation["parentID"], (string?)aggregation["childEPCs"]![0], (string?)aggregation["action"], (string?)aggregation["bizStep"]));
        Assert.Equal(accepted.Events[0].EventId, (string?)aggregation["eventID"]);
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

    [Fact]
    public async Task The_query_answers_epc_urns_cbv_terms_and_hash_event_ids()
    {
        var document = await ShippingDocumentAsync("S0607");
        var accepted = await net.Client.CaptureEpcisAsync(document);
        await WaitForStatusAsync("S0607", "in_transit");

        var query = JsonNode.Parse((await net.Client.GetEpcisEventsAsync(SupplyDevNode.Code("S0607"))).GetRawText())!;
        var events = query["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray().Select(e => e!.AsObject()).ToArray();
        var (commissioning, shipping) = (events[0], events[^1]);

        Assert.All(events, e => Assert.Equal("urn:epc:id:sgtin:950600.0013435.S0607", (string?)Assert.Single(e["epcList"]!.AsArray())));
        Assert.Equal(("commissioning", "active", "ADD"), ((string?)commissioning["bizStep"], (string?)commissioning["disposition"], (string?)commissioning["action"]));
        Assert.Equal(("shipping", "in_transit", "owning_party"), ((string?)shipping["bizStep"], (string?)shipping["disposition"], (string?)shipping["destinationList"]![0]!["type"]));
        // A captured event keeps the hash it was captured under; any other is the hash of the event as answered.
        Assert.Equal(Assert.Single(accepted.Events).EventId, (string?)shipping["eventID"]);
        Assert.Equal(EpcisEventHash.Compute(commissioning, query["@context"]), (string?)commissioning["eventID"]);
        Assert.StartsWith("ni:///sha-256;", (string?)commissioning["eventID"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_captured_again_under_a_new_signature_is_a_duplicate_and_applied_once()
    {
        var first = await ShippingDocumentAsync("S0604");
        var shipping = first["epcisBody"]!["eventList"]![0]!.AsObject();
        var accepted = await net.Client.CaptureEpcisAsync(first);
        await WaitForStatusAsync("S0604", "in_transit");

        // The same event re-signed (a new transaction), captured with a new event; then submitted straight to the chain.
        var signer = await TransactionSigner.ForNodeAsync(net.Client, net.Maker);
        var other = JsonNode.Parse((await ShippingDocumentAsync("S0605", signer))["epcisBody"]!["eventList"]![0]!.ToJsonString())!.AsObject();
        var again = JsonNode.Parse(shipping.ToJsonString())!.AsObject();
        var resigned = await signer.SignAsync(again, 2026);
        var second = await net.Client.CaptureEpcisAsync(EpcisMapping.Document([again, other], 1_800_000_000_000));
        await WaitForStatusAsync("S0605", "in_transit");
        var job = await WaitForJobAsync(second.CaptureId);
        signer.ResetNonce();
        var direct = await signer.SubmitAsync(await signer.SignAsync(JsonNode.Parse(shipping.ToJsonString())!.AsObject(), 2026), waitForCommit: true);

        var eventId = EpcisEventHash.Compute(shipping);
        Assert.Equal(eventId, Assert.Single(accepted.Events).EventId);
        Assert.Equal(("duplicate", "duplicate_event", eventId, resigned.Id.ToString()), (second.Events[0].Status, second.Events[0].Code, second.Events[0].EventId, second.Events[0].TxId));
        Assert.Equal("pending", second.Events[1].Status);
        Assert.False(job.Success);
        Assert.Equal(("duplicate_event", eventId), (Assert.Single(job.Errors).Code, job.Errors[0].EventId));
        Assert.Equal("duplicate_event", direct.Receipt!.ErrorCode);
        Assert.Single((await net.Client.GetPackAsync(SupplyDevNode.Code("S0604"))).History, e => e.Kind == "shipped");
    }

    [Fact]
    public async Task A_hash_event_id_that_is_not_the_events_hash_is_refused()
    {
        var document = await ShippingDocumentAsync("S0606");
        document["epcisBody"]!["eventList"]![0]!["eventID"] = "ni:///sha-256;" + new string('0', 64) + "?ver=CBV2.0";

        var refused = await Assert.ThrowsAsync<CarechainApiException>(() => net.Client.CaptureEpcisAsync(document));

        Assert.Equal("epcis_invalid", refused.Code);
        Assert.Contains("is not this event's hash", refused.Message, StringComparison.Ordinal);
        Assert.Equal("active", (await net.Client.GetPackAsync(SupplyDevNode.Code("S0606"))).Status);
    }

    private async Task<Client.Contracts.EpcisCaptureJobDto> WaitForJobAsync(string captureId)
    {
        var job = await net.Client.GetEpcisCaptureJobAsync(captureId);
        for (var i = 0; i < 100 && job.Running; i++)
        {
            await Task.Delay(100);
            job = await net.Client.GetEpcisCaptureJobAsync(captureId);
        }

        return job;
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

    private async Task<JsonObject> ShippingDocumentAsync(string serial, TransactionSigner? signer = null)
    {
        var pack = SupplyDevNode.Pack(serial);
        signer ??= await TransactionSigner.ForNodeAsync(net.Client, net.Maker);
        var shipping = EpcisMapping.ObjectEvent("shipping", "OBSERVE", [pack], 1_800_000_000_000);
        shipping["disposition"] = "in_transit";
        shipping["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = EpcisMapping.OrganisationUrn + "wholesaler" });
        await signer.SignAsync(shipping, 2026);
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
