using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Verification;

namespace Carechain.Modules.Tests.Supply;

public sealed class PackVerificationTests : IDisposable
{
    private readonly SupplyNetwork _net = new();

    public PackVerificationTests() => SupplyNetwork.Ok(_net.Commission("L1", new SerialRange("S", 4, 1, 100)));

    [Fact]
    public void A_pack_at_its_holder_with_matching_lot_and_expiry_is_authentic_and_recorded_in_its_history()
    {
        var result = _net.Verify(_net.Maker, "S0001", "L1", SupplyNetwork.Expiry);

        Assert.True(result.Authentic);
        var history = PackVerification.History(_net.State, SupplyNetwork.Pack("S0001"));
        Assert.Equal([SupplyEventKind.Commissioned, SupplyEventKind.Verified], history.Select(e => e.Kind));
        Assert.Equal(0, _net.State.AlertCount());
    }

    [Fact]
    public void Unknown_product_and_unknown_serial_are_suspect_and_raise_alerts()
    {
        SupplyNetwork.Ok(_net.Run(_net.Maker, Modules.Supply.SupplyOperations.Verify, new VerifyRequest(
            PackId.Create(Modules.Supply.Gs1.Gtin.Parse("09506000134369"), "S0001"), null, null, string.Empty).Encode()));
        var serial = _net.Verify(_net.Maker, "S9999");

        Assert.Equal([VerificationReasons.UnknownSerial], serial.Reasons);
        Assert.Equal(2, _net.State.AlertCount());
        Assert.Equal(2, serial.AlertSequence);
    }

    [Fact]
    public void Every_applicable_reason_is_listed_not_just_the_first()
    {
        var result = _net.Verify(_net.Pharmacy, "S0001", "L9", new DateOnly(2031, 1, 1));

        Assert.Equal([VerificationReasons.UnknownLot, VerificationReasons.ExpiryMismatch, VerificationReasons.HeldByOther], result.Reasons);
    }

    [Fact]
    public void Lot_mismatch_when_the_serial_belongs_to_another_known_lot()
    {
        SupplyNetwork.Ok(_net.Commission("L2", SerialRange.OfOne("Z")));

        Assert.Equal([VerificationReasons.LotMismatch], _net.Verify(_net.Maker, "S0001", "L2").Reasons);
    }

    [Fact]
    public void Expired_recalled_and_quarantined_lots_are_suspect()
    {
        SupplyNetwork.Ok(_net.Commission(_net.Maker, "OLD", new DateOnly(2020, 1, 31), SerialRange.OfOne("OLD")));
        SupplyNetwork.Ok(_net.Commission("L2", SerialRange.OfOne("Q")));
        SupplyNetwork.Ok(_net.Lot(_net.Regulator, LotAction.Quarantine, "L2"));
        SupplyNetwork.Ok(_net.Lot(_net.Maker, LotAction.Recall, "L1"));

        Assert.Equal([VerificationReasons.Expired], _net.Verify(_net.Maker, "OLD").Reasons);
        Assert.Equal([VerificationReasons.Quarantined], _net.Verify(_net.Maker, "Q").Reasons);
        Assert.Equal([VerificationReasons.Recalled], _net.Verify(_net.Maker, "S0001").Reasons);
    }

    [Fact]
    public void Dispensed_decommissioned_and_stolen_packs_are_suspect()
    {
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "pharmacy", "S0001"));
        SupplyNetwork.Ok(_net.Custody(_net.Pharmacy, CustodyAction.Receive, null, "S0001"));
        SupplyNetwork.Ok(_net.Custody(_net.Pharmacy, CustodyAction.Dispense, null, "S0001"));
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Decommission, null, "S0002"));
        SupplyNetwork.Ok(_net.Run(_net.Maker, Modules.Supply.SupplyOperations.Decommission, new CustodyRequest([SupplyNetwork.Pack("S0003")], null, DecommissionReasons.Stolen, string.Empty).Encode()));

        Assert.Equal([VerificationReasons.AlreadyDispensed], _net.Verify(_net.Patient, "S0001").Reasons);
        Assert.Equal([VerificationReasons.AlreadyDecommissioned], _net.Verify(_net.Maker, "S0002").Reasons);
        Assert.Equal([VerificationReasons.Stolen], _net.Verify(_net.Maker, "S0003").Reasons);
    }

    [Fact]
    public void Shipped_but_never_received_is_suspect_except_for_the_receiver_checking_goods_in()
    {
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "wholesaler", "S0001"));

        Assert.True(_net.Verify(_net.Wholesaler, "S0001", location: "goods-in").Authentic);
        Assert.Equal([VerificationReasons.NotReceived], _net.Verify(_net.Pharmacy, "S0001", location: "goods-in").Reasons.Where(r => r != VerificationReasons.CloneDuplicate));
    }

    [Fact]
    public void Two_places_scanning_one_serial_without_a_move_between_is_a_cloned_code_but_a_rescan_is_not()
    {
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "pharmacy", "S0001"));
        SupplyNetwork.Ok(_net.Custody(_net.Pharmacy, CustodyAction.Receive, null, "S0001"));

        var first = _net.Verify(_net.Pharmacy, "S0001", location: "counter-1");
        var rescan = _net.Verify(_net.Pharmacy, "S0001", location: "counter-1");
        var elsewhere = _net.Verify(_net.Patient, "S0001", location: "street-market");

        Assert.True(first.Authentic);
        Assert.True(rescan.Authentic);
        Assert.Equal([VerificationReasons.CloneDuplicate], elsewhere.Reasons);
    }

    [Fact]
    public void A_scan_before_a_move_and_one_after_at_the_next_holder_is_not_a_clone()
    {
        _net.Verify(_net.Maker, "S0001", location: "dock");
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "wholesaler", "S0001"));
        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Receive, null, "S0001"));

        Assert.True(_net.Verify(_net.Wholesaler, "S0001", location: "warehouse").Authentic);
    }

    [Fact]
    public void The_fifth_verification_within_an_hour_by_others_than_the_holder_is_suspect_and_the_holders_own_do_not_count()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.True(_net.Verify(_net.Maker, "S0060", location: "plant").Authentic);
        }

        _net.Chain.Advance(TimeSpan.FromMinutes(16));
        var answers = Enumerable.Range(0, PackVerification.VelocityLimit).Select(_ => _net.Verify(_net.Patient, "S0060", location: "home").Reasons).ToArray();
        _net.Chain.Advance(TimeSpan.FromMilliseconds(PackVerification.VelocityWindowMs));
        var later = _net.Verify(_net.Patient, "S0060", location: "home");

        Assert.All(answers[..^1], Assert.Empty);
        Assert.Equal([VerificationReasons.VerifyVelocity], answers[^1]);
        Assert.True(later.Authentic);
    }

    public void Dispose() => _net.Dispose();
}
