using System.Text.Json;
using Carechain.Client.Contracts;
using Carechain.Modules.Supply.Events;

namespace Carechain.IntegrationTests.Supply;

/// <summary>
/// Who sees the parties of a pack's history (organisation, key, site, counterparty, transaction), on a
/// real node over HTTP: regulators and the organisations party to the pack's custody events see them;
/// a pharmacy that never held the pack and a caller without a token (a patient's app; a patient's key has no organisation) see only what
/// happened and when, in verify answers, /supply/check, /supply/packs and /epcis/events alike.
/// </summary>
public sealed class HistoryDisclosureTests(SupplyDevNode net) : IClassFixture<SupplyDevNode>
{
    [Fact]
    public async Task Parties_are_shown_to_regulators_and_parties_and_redacted_for_everyone_else()
    {
        await net.CustodyAsync(net.Maker, CustodyAction.Ship, "wholesaler", "S0970");
        await net.CustodyAsync(net.Wholesaler, CustodyAction.Receive, null, "S0970");
        var byPatient = await net.VerifyAsync(net.Patient, "S0970", location: "home");
        var code = SupplyDevNode.Code("S0970");
        var regulator = await net.RegulatorTokenAsync();
        var maker = (await net.Client.AuthenticateAsync(net.Maker)).Token;
        var wholesaler = (await net.Client.AuthenticateAsync(net.Wholesaler)).Token;
        var pharmacy = (await net.Client.AuthenticateAsync(net.Pharmacy)).Token;

        foreach (var token in new[] { regulator, maker, wholesaler })
        {
            var pack = await net.Client.GetPackAsync(code, token);
            Assert.Equal("wholesaler", pack.Holder);
            Assert.Equal(["commissioned", "shipped", "received", "verified"], pack.History.Select(e => e.Kind));
            Assert.Equal(("maker", "wholesaler"), (pack.History[1].Organisation, pack.History[1].Counterparty));
            Assert.Equal("home", pack.History[3].Location);
            Assert.All(pack.History, e => Assert.NotNull(e.TxId));
        }

        // The pharmacy's own recorded scan does not make it a party.
        await net.VerifyAsync(net.Pharmacy, "S0970", location: "counter-9");
        var full = await net.Client.GetPackAsync(code, regulator);
        foreach (var token in new string?[] { pharmacy, null })
        {
            var pack = await net.Client.GetPackAsync(code, token);
            Assert.Null(pack.Holder);
            AssertRedacted(full.History, pack.History);
            AssertRedacted(full.History, (await net.Client.GetVerificationAsync(Id(byPatient), token)).History);
            AssertRedacted(full.History, (await net.Client.CheckPackAsync(code, net.Patient.PublicKey, "home", token)).History);
            AssertRedacted(full.History, (await net.Client.CheckPacksAsync([code], net.Pharmacy.PublicKey, "counter", token: token)).Results[0].History);
        }

        Assert.Equal("pharmacy", (await net.Client.GetVerificationAsync(Id(byPatient), regulator)).History.Select(e => e.Organisation).Last());
        var epcisFull = Events(await net.Client.GetEpcisEventsAsync(code, regulator));
        var epcisRedacted = Events(await net.Client.GetEpcisEventsAsync(code, pharmacy));
        Assert.Equal(epcisFull.Select(e => e.GetProperty("eventID").GetString()), epcisRedacted.Select(e => e.GetProperty("eventID").GetString()));
        Assert.Equal(epcisFull.Select(e => e.GetProperty("bizStep").GetString()), epcisRedacted.Select(e => e.GetProperty("bizStep").GetString()));
        Assert.Contains(epcisFull, e => e.TryGetProperty("bizLocation", out _));
        Assert.Contains(epcisFull, e => e.TryGetProperty("destinationList", out _));
        foreach (var hidden in new[] { "bizLocation", "readPoint", "sourceList", "destinationList", "carechain:txId" })
        {
            Assert.DoesNotContain(epcisRedacted, e => e.TryGetProperty(hidden, out _));
        }
    }

    private static void AssertRedacted(IReadOnlyList<SupplyEventDto> full, IReadOnlyList<SupplyEventDto> shown)
    {
        Assert.Equal(full.Select(e => (e.Kind, e.Disposition, e.Reason, e.Height, e.TimestampMs)), shown.Select(e => (e.Kind, e.Disposition, e.Reason, e.Height, e.TimestampMs)));
        Assert.All(shown, e => Assert.True(e is { Organisation: null, Author: null, Counterparty: null, Location: null, TxId: null }, $"{e.Kind} names a party"));
    }

    private static Ledger.Transactions.TxId Id(VerificationDto verification)
    {
        Assert.True(Ledger.Transactions.TxId.TryParse(verification.TxId, out var id));
        return id;
    }

    private static JsonElement[] Events(JsonElement document) =>
        [.. document.GetProperty("epcisBody").GetProperty("queryResults").GetProperty("resultsBody").GetProperty("eventList").EnumerateArray()];
}
