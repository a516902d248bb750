using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Tests.Supply;

public sealed class AggregationTests : IDisposable
{
    private static readonly Sscc Case = Sscc.Parse("09506000" + "000000001" + Gs1CheckDigit.Compute("09506000000000001"));
    private readonly SupplyNetwork _net = new();

    public AggregationTests() => SupplyNetwork.Ok(_net.Commission("L1", new SerialRange("S", 4, 1, 100)));

    [Fact]
    public void Events_on_a_case_apply_to_every_pack_inside_and_a_packed_pack_moves_only_with_it()
    {
        SupplyNetwork.Ok(Pack(_net.Maker, "S0001", "S0002", "S0003"));

        var alone = _net.Custody(_net.Maker, CustodyAction.Ship, "wholesaler", "S0001");
        SupplyNetwork.Ok(ShipCase(_net.Maker, CustodyAction.Ship, "wholesaler"));
        SupplyNetwork.Ok(ShipCase(_net.Wholesaler, CustodyAction.Receive, null));
        SupplyNetwork.Ok(_net.Run(_net.Wholesaler, SupplyOperations.Disaggregate, new AggregationRequest(Case, [], "dock").Encode()));
        SupplyNetwork.Ok(_net.Custody(_net.Wholesaler, CustodyAction.Ship, "pharmacy", "S0002"));

        Assert.Equal(SupplyErrors.PackAggregated, alone.ErrorCode);
        Assert.Equal(SupplyNetwork.Id("wholesaler"), _net.State.Pack(SupplyNetwork.Pack("S0001"))!.Holder);
        Assert.Equal(SupplyNetwork.Id("wholesaler"), _net.State.Pack(SupplyNetwork.Pack("S0003"))!.Holder);
        Assert.Equal(PackStatus.InTransit, _net.State.Pack(SupplyNetwork.Pack("S0002"))!.Status);
        Assert.Equal(
            [SupplyEventKind.Commissioned, SupplyEventKind.Aggregated, SupplyEventKind.Shipped, SupplyEventKind.Received, SupplyEventKind.Disaggregated],
            Modules.Supply.Verification.PackVerification.History(_net.State, SupplyNetwork.Pack("S0001")).Select(e => e.Kind));
    }

    [Fact]
    public void A_case_keeps_its_own_history_across_packings()
    {
        SupplyNetwork.Ok(Pack(_net.Maker, "S0020", "S0021"));
        SupplyNetwork.Ok(ShipCase(_net.Maker, CustodyAction.Ship, "wholesaler"));
        SupplyNetwork.Ok(ShipCase(_net.Wholesaler, CustodyAction.Receive, null));
        SupplyNetwork.Ok(_net.Run(_net.Wholesaler, SupplyOperations.Disaggregate, new AggregationRequest(Case, [], "dock").Encode()));
        SupplyNetwork.Ok(Pack(_net.Wholesaler, "S0020"));

        var history = _net.State.ContainerEvents(Case).ToArray();

        Assert.Equal(
            [SupplyEventKind.Aggregated, SupplyEventKind.Shipped, SupplyEventKind.Received, SupplyEventKind.Disaggregated, SupplyEventKind.Aggregated],
            history.Select(e => e.Kind));
        Assert.Equal((SupplyNetwork.Id("maker"), SupplyNetwork.Id("wholesaler")), (history[1].Actor!.Value, history[1].Counterparty!.Value));
        Assert.Equal(("line-1", "dock"), (history[0].Location, history[3].Location));
        Assert.Equal([SupplyNetwork.Pack("S0020")], _net.State.Container(Case)!.Children);
    }

    [Fact]
    public void Only_the_holder_packs_a_pack_once_and_unpacks_its_own_case()
    {
        SupplyNetwork.Ok(_net.Custody(_net.Maker, CustodyAction.Ship, "wholesaler", "S0010"));

        Assert.Equal(SupplyErrors.InTransit, Pack(_net.Maker, "S0001", "S0010").ErrorCode);
        Assert.Equal(SupplyErrors.NotHolder, Pack(_net.Wholesaler, "S0001").ErrorCode);
        SupplyNetwork.Ok(Pack(_net.Maker, "S0001"));
        Assert.Equal(SupplyErrors.ContainerInUse, Pack(_net.Maker, "S0002").ErrorCode);
        Assert.Equal(SupplyErrors.NotHolder, _net.Run(_net.Wholesaler, SupplyOperations.Disaggregate, new AggregationRequest(Case, [], string.Empty).Encode()).ErrorCode);
        Assert.Null(_net.State.Pack(SupplyNetwork.Pack("S0002")));
    }

    private Ledger.Execution.Receipt Pack(Core.Crypto.SigningKey author, params string[] serials) =>
        _net.Run(author, SupplyOperations.Aggregate, new AggregationRequest(Case, [.. serials.Select(SupplyNetwork.Pack)], "line-1").Encode());

    private Ledger.Execution.Receipt ShipCase(Core.Crypto.SigningKey author, CustodyAction action, string? to) =>
        _net.Run(author, SupplyOperations.NameOf(action), new CustodyRequest([], to is null ? null : SupplyNetwork.Id(to), string.Empty, string.Empty, [Case]).Encode());

    public void Dispose() => _net.Dispose();
}
