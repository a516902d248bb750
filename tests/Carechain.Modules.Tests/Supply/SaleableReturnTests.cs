using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Verification;

namespace Carechain.Modules.Tests.Supply;

/// <summary>DSCSA saleable returns: a received return is not saleable until its holder verifies it authentic.</summary>
public sealed class SaleableReturnTests : IDisposable
{
    private readonly SupplyNetwork _net = new();

    public SaleableReturnTests()
    {
        SupplyNetwork.Ok(_net.Commission("L1", new SerialRange("S", 4, 1, 100)));
        foreach (var serial in new[] { "S0001", "S0002", "S0003" })
        {
            SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "wholesaler", serial));
            SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Receive, null, serial));
            SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Ship, "pharmacy", serial));
            SupplyNetwork.Ok(_net.Custody(_net.Pharmacy, CustodyAction.Receive, null, serial));
            SupplyNetwork.Ok(_net.Custody(_net.Pharmacy, CustodyAction.Return, "wholesaler", serial));
        }
    }

    [Fact]
    public void A_return_travels_as_a_return_and_arrives_unsaleable()
    {
        Assert.Equal(PackStatus.ReturnInTransit, _net.State.Pack(SupplyNetwork.Pack("S0001"))!.Status);

        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Receive, null, "S0001"));

        var pack = _net.State.Pack(SupplyNetwork.Pack("S0001"))!;
        Assert.Equal((PackStatus.Returned, "wholesaler"), (pack.Status, pack.Holder.Value));
        Assert.Equal(SupplyErrors.ReturnNotVerified, _net.Custody(_net.Wholesaler, CustodyAction.Ship, "pharmacy", "S0001").ErrorCode);
        Assert.Equal(PackStatus.Returned, _net.State.Pack(SupplyNetwork.Pack("S0001"))!.Status);
    }

    [Fact]
    public void The_holders_authentic_verification_makes_the_return_saleable_again()
    {
        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Receive, null, "S0001"));

        var verification = _net.Verify(_net.Wholesaler, "S0001", "L1", SupplyNetwork.Expiry, "returns-desk");

        Assert.Empty(verification.Reasons);
        Assert.Equal(PackStatus.Active, _net.State.Pack(SupplyNetwork.Pack("S0001"))!.Status);
        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Ship, "pharmacy", "S0001"));
    }

    [Fact]
    public void Someone_elses_verification_or_a_suspect_one_leaves_the_return_unsaleable()
    {
        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Receive, null, "S0002"));

        var byPharmacy = _net.Verify(_net.Pharmacy, "S0002");
        var wrongLot = _net.Verify(_net.Wholesaler, "S0002", "L9");

        Assert.Equal([VerificationReasons.HeldByOther], byPharmacy.Reasons);
        Assert.NotEmpty(wrongLot.Reasons);
        Assert.Equal(PackStatus.Returned, _net.State.Pack(SupplyNetwork.Pack("S0002"))!.Status);
    }

    [Fact]
    public void An_unverified_return_may_still_go_further_back_or_be_destroyed()
    {
        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Receive, null, "S0001"));
        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Receive, null, "S0002"));

        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Return, "maker", "S0001"));
        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Decommission, null, "S0002"));

        Assert.Equal(PackStatus.ReturnInTransit, _net.State.Pack(SupplyNetwork.Pack("S0001"))!.Status);
        Assert.Equal(PackStatus.Decommissioned, _net.State.Pack(SupplyNetwork.Pack("S0002"))!.Status);
    }

    [Fact]
    public void A_return_in_transit_is_received_only_by_its_receiver_and_flags_not_received_elsewhere()
    {
        Assert.Equal(SupplyErrors.NotReceiver, _net.Custody(_net.Maker, CustodyAction.Receive, null, "S0003").ErrorCode);
        Assert.Equal(SupplyErrors.InTransit, _net.Custody(_net.Pharmacy, CustodyAction.Ship, "maker", "S0003").ErrorCode);

        Assert.Equal([VerificationReasons.NotReceived], _net.Verify(_net.Maker, "S0003").Reasons);
    }

    public void Dispose() => _net.Dispose();
}
