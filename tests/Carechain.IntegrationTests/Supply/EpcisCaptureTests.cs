using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carechain.Client;
using Carechain.Client.Epcis;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Epcis;
using Carechain.Modules.Supply.Events;

namespace Carechain.IntegrationTests.Supply;

public sealed class EpcisCaptureTests(SupplyDevNode net) : IClassFixture<SupplyDevNode>
{
    [Fact]
    public async Task A_signed_shipping_event_is_captured_once_and_moves_the_pack()
    {
        var document = await ShippingDocumentAsync("S0600");

        var accepted = await net.Client.CaptureEpcisAsync(document);
        var pack = await net.WaitForStatusAsync("S0600", "in_transit");
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
        Assert.Equal("active", (await net.Client.GetPackAsync(SupplyDevNode.Code("S0603"), await net.RegulatorTokenAsync())).Status);
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
        Assert.Equal("active", (await net.Client.GetPackAsync(SupplyDevNode.Code("S0601"), await net.RegulatorTokenAsync())).Status);
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
        var query = JsonNode.Parse((await net.Client.GetEpcisEventsAsync("urn:epc:id:sgtin:950600.0013435.S0701", await net.RegulatorTokenAsync())).GetRawText())!;
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
        await net.WaitForStatusAsync("S0602", "in_transit");
        var byUrn = await net.Client.GetEpcisEventsAsync(urn, await net.RegulatorTokenAsync());
        var byLink = await net.Client.GetEpcisEventsAsync("https://id.gs1.org/01/09506000134352/21/S0602", await net.RegulatorTokenAsync());

        Assert.Equal(byLink.GetProperty("epcisBody").ToString(), byUrn.GetProperty("epcisBody").ToString());
        Assert.Contains("shipping", byUrn.GetProperty("epcisBody").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_query_answers_epc_urns_cbv_terms_and_hash_event_ids()
    {
        var document = await ShippingDocumentAsync("S0607");
        var accepted = await net.Client.CaptureEpcisAsync(document);
        await net.WaitForStatusAsync("S0607", "in_transit");

        var query = JsonNode.Parse((await net.Client.GetEpcisEventsAsync(SupplyDevNode.Code("S0607"), await net.RegulatorTokenAsync())).GetRawText())!;
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
        await net.WaitForStatusAsync("S0604", "in_transit");

        // The same event re-signed (a new transaction), captured with a new event; then submitted straight to the chain.
        var signer = await TransactionSigner.ForNodeAsync(net.Client, net.Maker);
        var other = JsonNode.Parse((await ShippingDocumentAsync("S0605", signer))["epcisBody"]!["eventList"]![0]!.ToJsonString())!.AsObject();
        var again = JsonNode.Parse(shipping.ToJsonString())!.AsObject();
        var resigned = await signer.SignAsync(again, 2026);
        var second = await net.Client.CaptureEpcisAsync(EpcisMapping.Document([again, other], 1_800_000_000_000));
        await net.WaitForStatusAsync("S0605", "in_transit");
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
        Assert.Single((await net.Client.GetPackAsync(SupplyDevNode.Code("S0604"), await net.RegulatorTokenAsync())).History, e => e.Kind == "shipped");
    }

    [Fact]
    public async Task A_hash_event_id_that_is_not_the_events_hash_is_refused()
    {
        var document = await ShippingDocumentAsync("S0606");
        document["epcisBody"]!["eventList"]![0]!["eventID"] = "ni:///sha-256;" + new string('0', 64) + "?ver=CBV2.0";

        var refused = await Assert.ThrowsAsync<CarechainApiException>(() => net.Client.CaptureEpcisAsync(document));

        Assert.Equal("epcis_invalid", refused.Code);
        Assert.Contains("is not this event's hash", refused.Message, StringComparison.Ordinal);
        Assert.Equal("active", (await net.Client.GetPackAsync(SupplyDevNode.Code("S0606"), await net.RegulatorTokenAsync())).Status);
    }

    [Fact]
    public async Task A_captured_dispense_declared_in_error_is_undone_once_and_the_query_shows_its_declaration()
    {
        var dispensing = await CapturedDispenseAsync("S0610");
        var declaration = Declaration(dispensing, "incorrect_data");
        declaration["errorDeclaration"]!["correctiveEventIDs"] = new JsonArray();
        var pharmacy = await TransactionSigner.ForNodeAsync(net.Client, net.Pharmacy);
        var undo = await pharmacy.SignAsync(declaration, 2026);

        var accepted = await net.Client.CaptureEpcisAsync(EpcisMapping.Document([declaration], 1_800_000_000_000));
        var pack = await net.WaitForStatusAsync("S0610", "active");
        var again = await Assert.ThrowsAsync<CarechainApiException>(() => net.Client.CaptureEpcisAsync(EpcisMapping.Document([JsonNode.Parse(declaration.ToJsonString())!.AsObject()], 1_800_000_000_000)));
        var query = await net.Client.GetEpcisEventsAsync("https://id.gs1.org/01/09506000134352/21/S0610", await net.RegulatorTokenAsync());

        var eventId = EpcisEventHash.Compute(dispensing);
        Assert.Equal((eventId, undo.Id.ToString()), (Assert.Single(accepted.Events).EventId, accepted.Events[0].TxId));
        Assert.Equal(("pharmacy", "reinstated"), (pack.Holder, pack.History[^1].Kind));
        Assert.Equal("epcis_duplicate_capture", again.Code);
        var events = Events(query);
        Assert.Equal(["commissioning", "shipping", "receiving", "dispensing"], events.Select(e => e.GetProperty("bizStep").GetString()));
        var declared = events[^1];
        Assert.Equal(eventId, declared.GetProperty("eventID").GetString());
        Assert.Equal("incorrect_data", declared.GetProperty("errorDeclaration").GetProperty("reason").GetString());
        Assert.Equal(undo.Id.ToString(), declared.GetProperty("errorDeclaration").GetProperty("carechain:txId").GetString());
        Assert.True(DateTimeOffset.TryParse(declared.GetProperty("errorDeclaration").GetProperty("declarationTime").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task A_declaration_by_another_key_than_the_dispensers_fails_on_the_chain_with_undo_by_other_user()
    {
        var dispensing = await CapturedDispenseAsync("S0611");
        var declaration = Declaration(dispensing, "did_not_occur");
        await (await TransactionSigner.ForNodeAsync(net.Client, net.Wholesaler)).SignAsync(declaration, 2026);

        var accepted = await net.Client.CaptureEpcisAsync(EpcisMapping.Document([declaration], 1_800_000_000_000));
        var job = await WaitForJobAsync(accepted.CaptureId);

        Assert.False(job.Success);
        Assert.Equal("undo_by_other_user", Assert.Single(job.Errors).Code);
        Assert.Equal("dispensed", (await net.Client.GetPackAsync(SupplyDevNode.Code("S0611"), await net.RegulatorTokenAsync())).Status);
    }

    [Fact]
    public async Task A_dispense_made_without_epcis_is_declared_in_error_as_the_query_serves_it()
    {
        await MoveAsync(net.Maker, CustodyAction.Ship, "pharmacy", "S0612");
        await MoveAsync(net.Pharmacy, CustodyAction.Receive, null, "S0612");
        await MoveAsync(net.Pharmacy, CustodyAction.Dispense, null, "S0612");
        var query = JsonNode.Parse((await net.Client.GetEpcisEventsAsync("https://id.gs1.org/01/09506000134352/21/S0612", await net.RegulatorTokenAsync())).GetRawText())!.AsObject();
        var served = query["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray()[^1]!.AsObject();
        var context = query["@context"]!.DeepClone();
        var pharmacy = await TransactionSigner.ForNodeAsync(net.Client, net.Pharmacy);

        // Changed after it was served, it names no event of the pack: refused, nothing admitted.
        var altered = Declaration(served, "incorrect_data");
        altered.Remove("eventID");
        altered["carechain:height"] = 1;
        await pharmacy.SignAsync(altered, 2026, context);
        var refused = await Assert.ThrowsAsync<CarechainApiException>(() => net.Client.CaptureEpcisAsync(WithContext(EpcisMapping.Document([altered], 1_800_000_000_000), context)));
        pharmacy.ResetNonce();
        var declaration = Declaration(served, "incorrect_data");
        await pharmacy.SignAsync(declaration, 2026, context);
        await net.Client.CaptureEpcisAsync(WithContext(EpcisMapping.Document([declaration], 1_800_000_000_000), context));
        await net.WaitForStatusAsync("S0612", "active");
        var after = Events(await net.Client.GetEpcisEventsAsync("https://id.gs1.org/01/09506000134352/21/S0612", await net.RegulatorTokenAsync()));

        Assert.Equal("epcis_invalid", refused.Code);
        Assert.Contains("corrects no dispense or decommission", refused.Message, StringComparison.Ordinal);
        Assert.Equal((string?)served["eventID"], after[^1].GetProperty("eventID").GetString());
        Assert.Equal("incorrect_data", after[^1].GetProperty("errorDeclaration").GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("shipping", "incorrect_data", "a shipping event is not undone")]
    [InlineData("dispensing", "changed_my_mind", "incorrect_data or did_not_occur")]
    public async Task An_error_declaration_on_another_step_or_with_another_reason_is_refused(string step, string reason, string detail)
    {
        var e = EpcisMapping.ObjectEvent(step, "OBSERVE", [SupplyDevNode.Pack("S0613")], 1_800_000_000_000);
        e["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = EpcisMapping.OrganisationUrn + "wholesaler" });
        var declaration = Declaration(e, reason);

        var refused = await Assert.ThrowsAsync<CarechainApiException>(() => net.Client.CaptureEpcisAsync(EpcisMapping.Document([declaration], 1_800_000_000_000)));

        Assert.Equal("epcis_invalid", refused.Code);
        Assert.Contains(detail, refused.Message, StringComparison.Ordinal);
    }

    private static JsonObject Declaration(JsonObject e, string reason)
    {
        var declaration = JsonNode.Parse(e.ToJsonString())!.AsObject();
        declaration.Remove(EpcisMapping.TransactionMember);
        declaration["errorDeclaration"] = new JsonObject { ["declarationTime"] = "2026-12-01T10:00:00.000Z", ["reason"] = reason };
        return declaration;
    }

    private static JsonObject WithContext(JsonObject document, JsonNode context)
    {
        document["@context"] = context.DeepClone();
        return document;
    }

    private static System.Text.Json.JsonElement[] Events(System.Text.Json.JsonElement query) =>
        [.. query.GetProperty("epcisBody").GetProperty("queryResults").GetProperty("resultsBody").GetProperty("eventList").EnumerateArray()];

    /// <summary>A custody move by a signer of its own (this class signs with fresh signers throughout, so none holds a stale nonce).</summary>
    private async Task MoveAsync(Core.Crypto.SigningKey key, CustodyAction action, string? to, string serial)
    {
        var signer = await TransactionSigner.ForNodeAsync(net.Client, key);
        var tx = await signer.CustodyAsync(action, new CustodyRequest([SupplyDevNode.Pack(serial)], to is null ? null : OrganisationId.Parse(to), string.Empty, string.Empty));
        var response = await signer.SubmitAsync(tx, waitForCommit: true);
        Assert.True(response.Receipt!.Status == "success", $"{action} {serial}: {response.Receipt.ErrorCode}");
    }

    /// <summary>The pack shipped to the pharmacy, received, and dispensed by a captured EPCIS event (returned as captured).</summary>
    private async Task<JsonObject> CapturedDispenseAsync(string serial)
    {
        await MoveAsync(net.Maker, CustodyAction.Ship, "pharmacy", serial);
        await MoveAsync(net.Pharmacy, CustodyAction.Receive, null, serial);
        var dispensing = EpcisMapping.ObjectEvent("dispensing", "OBSERVE", [SupplyDevNode.Pack(serial)], 1_800_000_000_000);
        dispensing["disposition"] = "dispensed";
        await (await TransactionSigner.ForNodeAsync(net.Client, net.Pharmacy)).SignAsync(dispensing, 2026);
        await net.Client.CaptureEpcisAsync(EpcisMapping.Document([dispensing], 1_800_000_000_000));
        await net.WaitForStatusAsync(serial, "dispensed");
        return dispensing;
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
            var pack = await net.Client.GetPackAsync(SupplyDevNode.Code(serial), await net.RegulatorTokenAsync());
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
}
