using Carechain.Ledger.Execution;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Prefixes;
using Carechain.Modules.Supply.Products;

namespace Carechain.Modules.Tests.Supply;

public sealed class SupplyLedgerTests : IDisposable
{
    private static readonly SerialRange Hundred = new("S", 4, 1, 100);
    private readonly SupplyNetwork _net = new();

    [Fact]
    public void Only_a_regulator_admin_assigns_prefixes_and_only_to_a_manufacturer()
    {
        var byMaker = _net.Run(_net.Maker, SupplyOperations.AssignPrefix, new AssignPrefixRequest(SupplyNetwork.Prefix("777777"), SupplyNetwork.Id("maker")).Encode());
        var toPharmacy = _net.Run(_net.Regulator, SupplyOperations.AssignPrefix, new AssignPrefixRequest(SupplyNetwork.Prefix("777777"), SupplyNetwork.Id("pharmacy")).Encode());

        Assert.Equal(SupplyErrors.WrongOrganisationKind, byMaker.ErrorCode);
        Assert.Equal(SupplyErrors.WrongOrganisationKind, toPharmacy.ErrorCode);
        Assert.Null(_net.State.Prefix(SupplyNetwork.Prefix("777777")));
    }

    [Theory]
    [InlineData("950600", SupplyErrors.PrefixTaken)]
    [InlineData("9506001", SupplyErrors.PrefixOverlap)]
    [InlineData("950602", null)]
    public void Prefixes_never_nest(string digits, string? expected)
    {
        var receipt = _net.Run(_net.Regulator, SupplyOperations.AssignPrefix, new AssignPrefixRequest(SupplyNetwork.Prefix(digits), SupplyNetwork.Id("rival")).Encode());

        Assert.Equal(expected ?? string.Empty, receipt.ErrorCode);
    }

    [Fact]
    public void A_shorter_prefix_over_an_assigned_one_is_refused()
    {
        SupplyNetwork.Ok(_net.Run(_net.Regulator, SupplyOperations.AssignPrefix, new AssignPrefixRequest(SupplyNetwork.Prefix("12345678"), SupplyNetwork.Id("rival")).Encode()));

        var shorter = _net.Run(_net.Regulator, SupplyOperations.AssignPrefix, new AssignPrefixRequest(SupplyNetwork.Prefix("123456"), SupplyNetwork.Id("maker")).Encode());

        Assert.Equal(SupplyErrors.PrefixOverlap, shorter.ErrorCode);
    }

    [Fact]
    public void Another_manufacturer_cannot_register_a_product_under_a_prefix_it_does_not_own()
    {
        var gtin = Gtin.Parse("09506000134369");

        var byRival = _net.Run(_net.Rival, SupplyOperations.Product, new RegisterProductRequest(gtin, "Fake").Encode());
        var again = _net.Run(_net.Maker, SupplyOperations.Product, new RegisterProductRequest(SupplyNetwork.Gtin, "Again").Encode());

        Assert.Equal(SupplyErrors.PrefixNotOwned, byRival.ErrorCode);
        Assert.Equal(SupplyErrors.ProductExists, again.ErrorCode);
        Assert.Null(_net.State.Product(gtin));
    }

    [Fact]
    public void Commissioning_a_million_serials_is_one_range_entry_and_each_serial_finds_its_batch()
    {
        var receipt = _net.Commission("L1", new SerialRange("A", 7, 1, 1_000_000));

        SupplyNetwork.Ok(receipt);
        Assert.Equal(1, _net.State.Ranges(SupplyNetwork.Gtin, "A", 7).IntervalCount);
        Assert.Equal(receipt.TxId.Hash, _net.State.BatchOf(SupplyNetwork.Pack("A1000000"))!.Id);
        Assert.Equal(receipt.TxId.Hash, _net.State.BatchOf(SupplyNetwork.Pack("A0000001"))!.Id);
        Assert.Null(_net.State.BatchOf(SupplyNetwork.Pack("A0000000")));
        Assert.Null(_net.State.BatchOf(SupplyNetwork.Pack("A1")));
        Assert.Null(_net.State.Pack(SupplyNetwork.Pack("A0000001")));
    }

    [Fact]
    public void Overlapping_serials_expiry_conflicts_and_foreign_products_are_refused()
    {
        SupplyNetwork.Ok(_net.Commission("L1", Hundred));

        Assert.Equal(SupplyErrors.SerialConflict, _net.Commission("L2", SerialRange.OfOne("S0050")).ErrorCode);
        Assert.Equal(SupplyErrors.SerialConflict, _net.Commission("L2", SerialRange.OfOne("X1"), SerialRange.OfOne("X1")).ErrorCode);
        Assert.Equal(SupplyErrors.LotExpiryConflict, _net.Commission(_net.Maker, "L1", new DateOnly(2031, 1, 31), SerialRange.OfOne("Z")).ErrorCode);
        Assert.Equal(SupplyErrors.NotProductOwner, _net.Commission(_net.Rival, "L9", SupplyNetwork.Expiry, SerialRange.OfOne("Y")).ErrorCode);
        SupplyNetwork.Ok(_net.Commission("L2", SerialRange.OfOne("S00050")));
    }

    [Fact]
    public void Custody_moves_ship_then_receive_by_the_named_receiver_only()
    {
        SupplyNetwork.Ok(_net.Commission("L1", Hundred));

        Assert.Equal(SupplyErrors.NotHolder, _net.Custody(_net.Wholesaler, CustodyAction.Ship, "pharmacy", "S0001").ErrorCode);
        Assert.Equal(SupplyErrors.NotInTransit, _net.Custody(_net.Wholesaler, CustodyAction.Receive, null, "S0001").ErrorCode);
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "wholesaler", "S0001", "S0002"));
        Assert.Equal(SupplyErrors.InTransit, _net.Custody(_net.Maker, CustodyAction.Ship, "pharmacy", "S0001").ErrorCode);
        Assert.Equal(SupplyErrors.NotReceiver, _net.Custody(_net.Pharmacy, CustodyAction.Receive, null, "S0001").ErrorCode);
        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Receive, null, "S0001", "S0002"));
        Assert.Equal(SupplyErrors.NotInTransit, _net.Custody(_net.Wholesaler, CustodyAction.Receive, null, "S0001").ErrorCode);

        var state = _net.State.Pack(SupplyNetwork.Pack("S0001"))!;
        Assert.Equal(SupplyNetwork.Id("wholesaler"), state.Holder);
        Assert.Equal(PackStatus.Active, state.Status);
        Assert.Equal(2, state.EventCount);
    }

    [Fact]
    public void A_refused_event_changes_no_pack_even_when_only_one_of_them_is_wrong()
    {
        SupplyNetwork.Ok(_net.Commission("L1", Hundred));
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "wholesaler", "S0002"));

        var mixed = _net.Custody(_net.Maker, CustodyAction.Ship, "pharmacy", "S0001", "S0002");
        var unknown = _net.Custody(_net.Maker, CustodyAction.Ship, "pharmacy", "S0003", "Q1");

        Assert.Equal(SupplyErrors.InTransit, mixed.ErrorCode);
        Assert.Equal(SupplyErrors.UnknownPack, unknown.ErrorCode);
        Assert.Null(_net.State.Pack(SupplyNetwork.Pack("S0001")));
        Assert.Null(_net.State.Pack(SupplyNetwork.Pack("S0003")));
    }

    [Fact]
    public void Only_dispensers_dispense_and_an_inactive_pack_moves_no_more()
    {
        SupplyNetwork.Ok(_net.Commission("L1", Hundred));
        Assert.Equal(SupplyErrors.WrongOrganisationKind, _net.Custody(_net.Maker, CustodyAction.Dispense, null, "S0001").ErrorCode);
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "pharmacy", "S0001"));
        SupplyNetwork.Ok(_net.Custody(_net.Pharmacy, CustodyAction.Receive, null, "S0001"));
        SupplyNetwork.Ok(_net.Custody(_net.Pharmacy, CustodyAction.Dispense, null, "S0001"));

        Assert.Equal(SupplyErrors.PackInactive, _net.Custody(_net.Pharmacy, CustodyAction.Dispense, null, "S0001").ErrorCode);
        Assert.Equal(SupplyErrors.PackInactive, _net.Custody(_net.Pharmacy, CustodyAction.Return, "maker", "S0001").ErrorCode);
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Decommission, null, "S0002"));
        Assert.Equal(SupplyErrors.PackInactive, _net.Custody(_net.Maker, CustodyAction.Ship, "pharmacy", "S0002").ErrorCode);
    }

    [Fact]
    public void Recall_by_the_manufacturer_or_regulator_quarantine_and_release_by_the_regulator_only()
    {
        SupplyNetwork.Ok(_net.Commission("L1", Hundred));
        SupplyNetwork.Ok(_net.Commission("L2", new SerialRange("T", 2, 0, 10)));

        Assert.Equal(SupplyErrors.NotProductOwner, _net.Lot(_net.Rival, LotAction.Recall, "L1").ErrorCode);
        Assert.Equal(SupplyErrors.WrongOrganisationKind, _net.Lot(_net.Maker, LotAction.Quarantine, "L1").ErrorCode);
        Assert.Equal(SupplyErrors.NotQuarantined, _net.Lot(_net.Regulator, LotAction.Release, "L1").ErrorCode);
        SupplyNetwork.Ok(_net.Lot(_net.Regulator, LotAction.Quarantine, "L1"));
        Assert.Equal(SupplyErrors.LotQuarantined, _net.Custody(_net.Maker, CustodyAction.Ship, "wholesaler", "S0001").ErrorCode);
        SupplyNetwork.Ok(_net.Lot(_net.Regulator, LotAction.Release, "L1"));
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "wholesaler", "S0001"));
        SupplyNetwork.Ok(_net.Lot(_net.Maker, LotAction.Recall, "L2"));
        Assert.Equal(SupplyErrors.LotRecalled, _net.Lot(_net.Regulator, LotAction.Recall, "L2").ErrorCode);
        Assert.Equal(SupplyErrors.LotRecalled, _net.Custody(_net.Maker, CustodyAction.Ship, "wholesaler", "T01").ErrorCode);
        Assert.Equal(SupplyErrors.UnknownLot, _net.Lot(_net.Regulator, LotAction.Recall, "NOPE").ErrorCode);
    }

    [Fact]
    public void A_key_without_an_organisation_may_verify_but_not_move_packs()
    {
        SupplyNetwork.Ok(_net.Commission("L1", Hundred));

        Assert.Equal(SupplyErrors.NoOrganisation, _net.Custody(_net.Patient, CustodyAction.Ship, "pharmacy", "S0001").ErrorCode);
        Assert.Equal(SupplyErrors.NoOrganisation, _net.Run(_net.Patient, SupplyOperations.Product, new RegisterProductRequest(SupplyNetwork.Gtin, "x").Encode()).ErrorCode);
        Assert.True(_net.Verify(_net.Patient, "S0001").Authentic);
    }

    [Fact]
    public void Malformed_payloads_are_refused_at_admission()
    {
        var module = new SupplyModule();
        var tx = Carechain.Ledger.Transactions.Transaction.Create(_net.Maker, "c", 1, SupplyModule.ModuleName, SupplyOperations.Commission, [1, 2, 3]);
        var badLot = Carechain.Ledger.Transactions.Transaction.Create(
            _net.Maker, "c", 1, SupplyModule.ModuleName, SupplyOperations.Commission, new CommissionRequest(SupplyNetwork.Gtin, "bad lot", SupplyNetwork.Expiry, [Hundred], "").Encode());
        var badRange = Carechain.Ledger.Transactions.Transaction.Create(
            _net.Maker, "c", 1, SupplyModule.ModuleName, SupplyOperations.Commission, new CommissionRequest(SupplyNetwork.Gtin, "L", SupplyNetwork.Expiry, [new SerialRange("A1", 2, 0, 5)], "").Encode());

        Assert.Equal(LedgerErrors.MalformedPayload, module.CheckPayload(tx));
        Assert.Equal(SupplyErrors.InvalidLot, module.CheckPayload(badLot));
        Assert.Equal(SupplyErrors.InvalidRange, module.CheckPayload(badRange));
    }

    public void Dispose() => _net.Dispose();
}
