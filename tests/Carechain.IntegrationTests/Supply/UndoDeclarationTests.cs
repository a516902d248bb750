using Carechain.Client;
using Carechain.Core.Hashing;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;

namespace Carechain.IntegrationTests.Supply;

/// <summary>
/// An undo that carries an event hash (an EPCIS error declaration) is checked by execution, however it
/// is submitted: sent straight to /transactions on a real node, it must name the event that made the
/// pack inactive by the id the EPCIS query answers for it.
/// </summary>
public sealed class UndoDeclarationTests(SupplyDevNode net) : IClassFixture<SupplyDevNode>
{
    [Fact]
    public async Task An_undo_naming_another_event_is_refused_with_undo_wrong_event_and_changes_nothing()
    {
        await net.CustodyAsync(net.Maker, CustodyAction.Ship, "pharmacy", "S0980");
        await net.CustodyAsync(net.Pharmacy, CustodyAction.Receive, null, "S0980");
        await net.CustodyAsync(net.Pharmacy, CustodyAction.Dispense, null, "S0980");
        var code = SupplyDevNode.Code("S0980");
        var queried = (await net.Client.GetEpcisEventsAsync(code)).GetProperty("epcisBody").GetProperty("queryResults").GetProperty("resultsBody").GetProperty("eventList")
            .EnumerateArray().Last().GetProperty("eventID").GetString()!;
        var dispensing = Hash256.Parse(queried["ni:///sha-256;".Length..queried.IndexOf('?', StringComparison.Ordinal)]);

        var arbitrary = await UndoAsync(Hash256.Sha256("not the dispense"u8));
        Assert.Equal(SupplyErrors.UndoWrongEvent, arbitrary.Receipt!.ErrorCode);
        Assert.Equal("dispensed", (await net.Client.GetPackAsync(code)).Status);

        var declared = await UndoAsync(dispensing);
        Assert.Equal("success", declared.Receipt!.Status);
        Assert.Equal("active", (await net.Client.GetPackAsync(code)).Status);
        var again = await UndoAsync(dispensing);
        Assert.Equal(SupplyErrors.DuplicateEvent, again.Receipt!.ErrorCode);
    }

    private Task<Client.Contracts.SubmitTransactionResponse> UndoAsync(Hash256 eventHash) =>
        net.SubmitAsync(net.Pharmacy, s => s.CustodyAsync(CustodyAction.Undo, new CustodyRequest([SupplyDevNode.Pack("S0980")], null, "incorrect_data", string.Empty, EventHash: eventHash)));
}
