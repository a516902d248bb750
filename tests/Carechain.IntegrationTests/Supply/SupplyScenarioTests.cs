using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Carechain.Client;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Verification;

namespace Carechain.IntegrationTests.Supply;

/// <summary>The drug supply chain on a real node over HTTP: the happy path, each counterfeit signal, refusals and the EPCIS view.</summary>
public sealed class SupplyScenarioTests(SupplyDevNode net) : IClassFixture<SupplyDevNode>
{
    [Fact]
    public async Task Manufacturer_to_wholesaler_to_pharmacy_to_patient()
    {
        await net.CustodyAsync(net.Maker, CustodyAction.Ship, "wholesaler", "S0001");
        await net.CustodyAsync(net.Wholesaler, CustodyAction.Receive, null, "S0001");
        await net.CustodyAsync(net.Wholesaler, CustodyAction.Ship, "pharmacy", "S0001");
        await net.CustodyAsync(net.Pharmacy, CustodyAction.Receive, null, "S0001");

        var atCounter = await net.VerifyAsync(net.Pharmacy, "S0001");
        await net.CustodyAsync(net.Pharmacy, CustodyAction.Dispense, null, "S0001");
        var pack = await net.Client.GetPackAsync(SupplyDevNode.Code("S0001"), await net.RegulatorTokenAsync());

        Assert.Equal("authentic", atCounter.Status);
        Assert.Empty(atCounter.Reasons);
        Assert.Equal(["commissioned", "shipped", "received", "shipped", "received", "verified"], atCounter.History.Select(e => e.Kind));
        Assert.Equal("dispensed", pack.Status);
        Assert.Equal("pharmacy", pack.Holder);
        Assert.Equal("L1", pack.Lot);
        Assert.Equal("2030-06-30", pack.Expiry);
    }

    [Fact]
    public async Task A_counterfeit_serial_is_suspect_and_raises_an_alert_regulators_can_list()
    {
        var before = (await net.AlertsAsync()).Next;

        var result = await net.VerifyAsync(net.Pharmacy, "FAKE123");
        var alerts = await net.AlertsAsync(before, TimeSpan.FromSeconds(5));

        Assert.Equal("suspect", result.Status);
        Assert.Equal([VerificationReasons.UnknownSerial], result.Reasons);
        Assert.Contains(alerts.Items, a => a.TxId == result.TxId && a.Serial == "FAKE123" && a.Organisation == "pharmacy");
    }

    [Fact]
    public async Task A_read_only_check_answers_like_a_verification_and_records_nothing()
    {
        await net.CustodyAsync(net.Maker, CustodyAction.Ship, "pharmacy", "S0900");
        await net.CustodyAsync(net.Pharmacy, CustodyAction.Receive, null, "S0900");
        var alertsBefore = (await net.AlertsAsync()).Next;

        var genuine = await net.Client.CheckPackAsync(SupplyDevNode.Code("S0900"), net.Pharmacy.PublicKey, "counter-1");
        var elsewhere = await net.Client.CheckPackAsync(SupplyDevNode.Code("S0900"), net.Wholesaler.PublicKey);
        var counterfeit = await net.Client.CheckPackAsync(SupplyDevNode.Code("NOPE999"), net.Pharmacy.PublicKey);
        var wrongLot = await net.Client.CheckPackAsync(SupplyDevNode.Code("S0900", "L9"), net.Pharmacy.PublicKey);
        var pack = await net.Client.GetPackAsync(SupplyDevNode.Code("S0900"), await net.RegulatorTokenAsync());

        Assert.Equal(("authentic", 0), (genuine.Status, genuine.Reasons.Count));
        Assert.Equal([VerificationReasons.HeldByOther], elsewhere.Reasons);
        Assert.Equal([VerificationReasons.UnknownSerial], counterfeit.Reasons);
        Assert.Equal("suspect", wrongLot.Status);
        Assert.DoesNotContain(pack.History, e => e.Kind == "verified");
        Assert.Equal(alertsBefore, (await net.AlertsAsync()).Next);
    }

    [Fact]
    public async Task A_recalled_lot_is_suspect()
    {
        await net.CommitAsync(net.Regulator, s => s.LotAsync(LotAction.Recall, new LotRequest(SupplyDevNode.Gtin, "L2", "contamination")));

        var result = await net.VerifyAsync(net.Maker, "T001", "L2");

        Assert.Equal([VerificationReasons.Recalled], result.Reasons);
    }

    [Fact]
    public async Task A_cloned_code_scanned_at_two_places_is_suspect()
    {
        await net.CustodyAsync(net.Maker, CustodyAction.Ship, "pharmacy", "S0100");
        await net.CustodyAsync(net.Pharmacy, CustodyAction.Receive, null, "S0100");

        var genuine = await net.VerifyAsync(net.Pharmacy, "S0100", location: "counter-1");
        var clone = await net.VerifyAsync(net.Patient, "S0100", location: "online-shop");

        Assert.Equal("authentic", genuine.Status);
        Assert.Equal([VerificationReasons.CloneDuplicate], clone.Reasons);
    }

    [Fact]
    public async Task A_pack_in_a_case_reported_stolen_is_suspect()
    {
        var sscc = Modules.Supply.Gs1.Sscc.Parse("095060000000000091");
        await net.CommitAsync(net.Maker, s => s.AggregationAsync(true, new Modules.Supply.Packs.AggregationRequest(sscc, [SupplyDevNode.Pack("S0950"), SupplyDevNode.Pack("S0951")], string.Empty)));
        await net.CommitAsync(net.Maker, s => s.CustodyAsync(CustodyAction.Decommission, new CustodyRequest([], null, DecommissionReasons.Stolen, string.Empty, [sscc])));

        var result = await net.VerifyAsync(net.Pharmacy, "S0951");

        Assert.Equal("suspect", result.Status);
        Assert.Contains(VerificationReasons.Stolen, result.Reasons);
    }

    [Fact]
    public async Task A_serial_verified_again_and_again_by_others_than_its_holder_is_suspect()
    {
        var answers = new List<string>();
        for (var i = 0; i < PackVerification.VelocityLimit; i++)
        {
            answers.Add((await net.VerifyAsync(net.Patient, "S0952", location: "home")).Status);
        }

        Assert.Equal([.. Enumerable.Repeat("authentic", PackVerification.VelocityLimit - 1), "suspect"], answers);
        Assert.Equal([VerificationReasons.VerifyVelocity], (await net.Client.CheckPackAsync(SupplyDevNode.Code("S0952"), net.Patient.PublicKey, "home")).Reasons);
    }

    [Fact]
    public async Task A_dispense_in_error_is_undone_by_the_same_pharmacist_only()
    {
        await net.CustodyAsync(net.Maker, CustodyAction.Ship, "pharmacy", "S0960");
        await net.CustodyAsync(net.Pharmacy, CustodyAction.Receive, null, "S0960");
        await net.CustodyAsync(net.Pharmacy, CustodyAction.Dispense, null, "S0960");
        var undo = new CustodyRequest([SupplyDevNode.Pack("S0960")], null, "incorrect_data", string.Empty);

        var byOther = await net.SubmitAsync(net.Wholesaler, s => s.CustodyAsync(CustodyAction.Undo, undo));
        await net.CommitAsync(net.Pharmacy, s => s.CustodyAsync(CustodyAction.Undo, undo));
        var pack = await net.Client.GetPackAsync(SupplyDevNode.Code("S0960"), await net.RegulatorTokenAsync());

        Assert.Equal(SupplyErrors.UndoByOtherUser, byOther.Receipt!.ErrorCode);
        Assert.Equal(("active", "reinstated"), (pack.Status, pack.History[^1].Kind));
        Assert.Equal("authentic", (await net.VerifyAsync(net.Pharmacy, "S0960")).Status);
    }

    [Fact]
    public async Task Lot_and_expiry_not_matching_the_commissioning_are_suspect()
    {
        var result = await net.VerifyAsync(net.Maker, "S0200", "L2", new DateOnly(2031, 1, 31));

        Assert.Equal([VerificationReasons.LotMismatch, VerificationReasons.ExpiryMismatch], result.Reasons);
    }

    [Fact]
    public async Task Diverted_undelivered_and_dispensed_packs_are_suspect()
    {
        await net.CustodyAsync(net.Maker, CustodyAction.Ship, "wholesaler", "S0300");

        var undelivered = await net.VerifyAsync(net.Pharmacy, "S0300");
        var diverted = await net.VerifyAsync(net.Pharmacy, "S0301");

        Assert.Equal([VerificationReasons.NotReceived], undelivered.Reasons);
        Assert.Equal([VerificationReasons.HeldByOther], diverted.Reasons);
    }

    [Fact]
    public async Task Wrong_party_and_double_receipt_are_refused_with_stable_codes()
    {
        await net.CustodyAsync(net.Maker, CustodyAction.Ship, "wholesaler", "S0400");

        var byPharmacy = await net.SubmitAsync(net.Pharmacy, s => s.CustodyAsync(CustodyAction.Receive, new CustodyRequest([SupplyDevNode.Pack("S0400")], null, string.Empty, string.Empty)));
        await net.CustodyAsync(net.Wholesaler, CustodyAction.Receive, null, "S0400");
        var twice = await net.SubmitAsync(net.Wholesaler, s => s.CustodyAsync(CustodyAction.Receive, new CustodyRequest([SupplyDevNode.Pack("S0400")], null, string.Empty, string.Empty)));

        Assert.Equal(SupplyErrors.NotReceiver, byPharmacy.Receipt!.ErrorCode);
        Assert.Equal(SupplyErrors.NotInTransit, twice.Receipt!.ErrorCode);
        Assert.Equal("wholesaler", (await net.Client.GetPackAsync(SupplyDevNode.Code("S0400"), await net.RegulatorTokenAsync())).Holder);
    }

    [Fact]
    public async Task A_packs_events_are_served_as_an_epcis_document()
    {
        await net.CustodyAsync(net.Maker, CustodyAction.Ship, "wholesaler", "S0500");
        var epc = "https://id.gs1.org/01/09506000134352/21/S0500";

        var document = await net.Client.GetEpcisEventsAsync(epc, await net.RegulatorTokenAsync());

        Assert.Equal("EPCISQueryDocument", document.GetProperty("type").GetString());
        var events = document.GetProperty("epcisBody").GetProperty("queryResults").GetProperty("resultsBody").GetProperty("eventList").EnumerateArray().ToArray();
        Assert.Equal(["commissioning", "shipping"], events.Select(e => e.GetProperty("bizStep").GetString()));
        Assert.Equal(["active", "in_transit"], events.Select(e => e.GetProperty("disposition").GetString()));
        Assert.All(events, e => Assert.Equal("urn:epc:id:sgtin:950600.0013435.S0500", e.GetProperty("epcList")[0].GetString()));
        Assert.Equal("urn:carechain:org:wholesaler", events[1].GetProperty("destinationList")[0].GetProperty("destination").GetString());
    }

    [Theory]
    [InlineData("api/v1/supply/packs?code=(01)09506000134353(21)X", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("api/v1/supply/packs?code=(01)09506000134352(21)NEVER", HttpStatusCode.NotFound, "not_found")]
    [InlineData("api/v1/supply/verifications/zz", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("api/v1/supply/alerts?limit=0", HttpStatusCode.Unauthorized, "unauthenticated")]
    [InlineData("api/v1/supply/check?code=(01)09506000134352(21)S0001", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("api/v1/supply/check?code=(01)09506000134352(21)S0001&verifier=abc", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("api/v1/supply/check?code=garbage&verifier=0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("epcis/events?epc=nonsense", HttpStatusCode.BadRequest, "malformed_request")]
    public async Task Bad_supply_reads_get_problem_json(string path, HttpStatusCode status, string code)
    {
        using var response = await net.Node.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        Assert.Equal(code, problem!["code"].GetString());
    }
}
