using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Verification;

namespace Carechain.Modules.Tests.Supply;

/// <summary>EU FMD undo: a dispense or decommission recorded in error is reverted only by the same user, within 10 days, from a status that is not final.</summary>
public sealed class DecommissionUndoTests : IDisposable
{
    private readonly SupplyNetwork _net = new();

    public DecommissionUndoTests() => SupplyNetwork.Ok(_net.Commission("L1", new SerialRange("U", 3, 1, 20)));

    [Theory]
    [InlineData(DecommissionReasons.Sample)]
    [InlineData(DecommissionReasons.Exported)]
    [InlineData(DecommissionReasons.Damaged)]
    public void The_same_user_undoes_a_decommission_within_ten_days_and_the_pack_is_authentic_again(string reason)
    {
        SupplyNetwork.Ok(Decommission(_net.Maker, "U001", reason));
        _net.Chain.Advance(TimeSpan.FromDays(9));

        var undo = Undo(_net.Maker, "U001");

        SupplyNetwork.Ok(undo);
        var pack = _net.State.Pack(SupplyNetwork.Pack("U001"))!;
        Assert.Equal((PackStatus.Active, string.Empty), (pack.Status, pack.Reason));
        var reinstated = PackVerification.History(_net.State, SupplyNetwork.Pack("U001"))[^1];
        Assert.Equal((SupplyEventKind.Reinstated, "incorrect_data", "inspecting", "active"), (reinstated.Kind, reinstated.Reason, reinstated.BizStep, reinstated.Disposition));
        Assert.True(_net.Verify(_net.Maker, "U001").Authentic);
    }

    [Fact]
    public void An_undo_after_ten_days_is_refused()
    {
        SupplyNetwork.Ok(Decommission(_net.Maker, "U002", DecommissionReasons.Sample));
        _net.Chain.Advance(TimeSpan.FromDays(10) + TimeSpan.FromSeconds(1));

        Assert.Equal(SupplyErrors.UndoWindowPassed, Undo(_net.Maker, "U002").ErrorCode);
        Assert.Equal(PackStatus.Decommissioned, _net.State.Pack(SupplyNetwork.Pack("U002"))!.Status);
    }

    [Fact]
    public void An_undo_by_another_user_is_refused()
    {
        SupplyNetwork.Ok(Decommission(_net.Maker, "U003", DecommissionReasons.Sample));

        Assert.Equal(SupplyErrors.UndoByOtherUser, Undo(_net.Wholesaler, "U003").ErrorCode);
        Assert.Equal(PackStatus.Decommissioned, _net.State.Pack(SupplyNetwork.Pack("U003"))!.Status);
    }

    [Theory]
    [InlineData(DecommissionReasons.Destroyed)]
    [InlineData(DecommissionReasons.Stolen)]
    [InlineData(DecommissionReasons.Withdrawn)]
    public void Final_statuses_are_never_undone(string reason)
    {
        SupplyNetwork.Ok(Decommission(_net.Maker, "U004", reason));

        Assert.Equal(SupplyErrors.UndoNotAllowed, Undo(_net.Maker, "U004").ErrorCode);
    }

    [Fact]
    public void An_active_pack_has_nothing_to_undo_and_an_undo_names_an_error_reason()
    {
        Assert.Equal(SupplyErrors.UndoNotAllowed, Undo(_net.Maker, "U005").ErrorCode);
        Assert.Equal(SupplyErrors.InvalidReason, new CustodyRequest([SupplyNetwork.Pack("U005")], null, "changed_my_mind", string.Empty).Validate(CustodyAction.Undo));
    }

    [Fact]
    public void A_dispense_is_undone_by_the_pharmacist_who_recorded_it()
    {
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "pharmacy", "U006"));
        SupplyNetwork.Ok(_net.Custody(_net.Pharmacy, CustodyAction.Receive, null, "U006"));
        SupplyNetwork.Ok(_net.Custody(_net.Pharmacy, CustodyAction.Dispense, null, "U006"));

        SupplyNetwork.Ok(Undo(_net.Pharmacy, "U006"));

        Assert.Equal(PackStatus.Active, _net.State.Pack(SupplyNetwork.Pack("U006"))!.Status);
        Assert.True(_net.Verify(_net.Pharmacy, "U006").Authentic);
    }

    [Fact]
    public void An_error_declaration_undoes_the_captured_event_it_names_once()
    {
        var captured = Hash256.Sha256("decommissioning of U007"u8);
        SupplyNetwork.Ok(Decommission(_net.Maker, "U007", DecommissionReasons.Sample, captured));

        var declared = Undo(_net.Maker, "U007", captured);
        SupplyNetwork.Ok(Decommission(_net.Maker, "U007", DecommissionReasons.Sample));
        var again = Undo(_net.Maker, "U007", captured);

        SupplyNetwork.Ok(declared);
        Assert.Equal(SupplyErrors.DuplicateEvent, again.ErrorCode);
        Assert.Equal(PackStatus.Decommissioned, _net.State.Pack(SupplyNetwork.Pack("U007"))!.Status);
        Assert.Equal(declared.TxId.Hash, _net.State.DeclarationTransaction(captured));
    }

    [Fact]
    public void An_error_declaration_naming_another_captured_event_is_refused()
    {
        var shipping = Hash256.Sha256("shipping of U008"u8);
        SupplyNetwork.Ok(_net.Run(_net.Maker, SupplyOperations.Ship, new CustodyRequest([SupplyNetwork.Pack("U009")], SupplyNetwork.Id("wholesaler"), string.Empty, string.Empty, null, shipping).Encode()));
        SupplyNetwork.Ok(Decommission(_net.Maker, "U008", DecommissionReasons.Sample, Hash256.Sha256("decommissioning of U008"u8)));

        Assert.Equal(SupplyErrors.UndoWrongEvent, Undo(_net.Maker, "U008", shipping).ErrorCode);
        Assert.Equal(PackStatus.Decommissioned, _net.State.Pack(SupplyNetwork.Pack("U008"))!.Status);
        Assert.Null(_net.State.DeclarationTransaction(shipping));
    }

    public void Dispose() => _net.Dispose();

    private Ledger.Execution.Receipt Decommission(SigningKey author, string serial, string reason, Hash256? eventHash = null) =>
        _net.Run(author, SupplyOperations.Decommission, new CustodyRequest([SupplyNetwork.Pack(serial)], null, reason, string.Empty, null, eventHash).Encode());

    private Ledger.Execution.Receipt Undo(SigningKey author, string serial, Hash256? declared = null) =>
        _net.Run(author, SupplyOperations.Undo, new CustodyRequest([SupplyNetwork.Pack(serial)], null, "incorrect_data", string.Empty, null, declared).Encode());
}
