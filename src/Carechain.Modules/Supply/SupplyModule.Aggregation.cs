using System.Globalization;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Supply;

/// <summary>
/// Packing packs into a case or pallet (SSCC) and unpacking it. Only the holder of every pack packs
/// them; a packed pack moves only with its container, until it is unpacked. The container keeps its
/// own history (packing, unpacking, the custody events applied to it) besides its packs'.
/// </summary>
public sealed partial class SupplyModule
{
    private static Outcome Aggregate(Execution x, AggregationRequest request)
    {
        if (x.Actor.Organisation is not { } actor)
        {
            return Fail(SupplyErrors.NoOrganisation);
        }

        var existing = x.State.Container(request.Parent);
        if (existing is not null && (existing.Children.Count > 0 || existing.State.Holder != actor || existing.State.Status != PackStatus.Active))
        {
            return Fail(existing.Children.Count > 0 ? SupplyErrors.ContainerInUse : SupplyErrors.NotHolder);
        }

        foreach (var child in request.Children)
        {
            var batch = x.State.BatchOf(child);
            if (batch is null)
            {
                return Fail(SupplyErrors.UnknownPack);
            }

            var state = x.State.Pack(child) ?? PackState.Fresh(batch);
            var error = state switch
            {
                { Status: PackStatus.Dispensed or PackStatus.Decommissioned } => SupplyErrors.PackInactive,
                _ when state.Status.IsInTransit() => SupplyErrors.InTransit,
                { Status: PackStatus.Returned } => SupplyErrors.ReturnNotVerified,
                _ when state.Holder != actor => SupplyErrors.NotHolder,
                _ when state.Container.Length > 0 => SupplyErrors.PackAggregated,
                _ => null,
            };
            if (error is not null)
            {
                return Fail(error);
            }

            Record(x, child, state with { Container = request.Parent.Value }, SupplyEventKind.Aggregated, actor, request);
        }

        var containerState = new PackState(actor, PackStatus.Active, null, string.Empty, existing?.State.EventCount ?? 0, x.Block.Height, null, string.Empty);
        RecordContainer(x, new ContainerRecord(request.Parent, containerState, request.Children), containerState, SupplyEventKind.Aggregated, actor, null, request.Parent.Value, request.Location);
        return Done(LedgerEvent.Of(
            "supply.aggregated", ("sscc", request.Parent.Value), ("organisation", actor.Value), ("packs", request.Children.Count.ToString(CultureInfo.InvariantCulture))));
    }

    private static Outcome Disaggregate(Execution x, AggregationRequest request)
    {
        if (x.Actor.Organisation is not { } actor)
        {
            return Fail(SupplyErrors.NoOrganisation);
        }

        var container = x.State.Container(request.Parent);
        if (container is null || container.Children.Count == 0)
        {
            return Fail(SupplyErrors.UnknownContainer);
        }

        if (container.State.Status.IsInTransit())
        {
            return Fail(SupplyErrors.InTransit);
        }

        if (container.State.Holder != actor)
        {
            return Fail(SupplyErrors.NotHolder);
        }

        foreach (var child in container.Children)
        {
            var state = x.State.Pack(child)!;
            Record(x, child, state with { Container = string.Empty }, SupplyEventKind.Disaggregated, actor, request);
        }

        RecordContainer(x, container with { Children = [] }, container.State, SupplyEventKind.Disaggregated, actor, null, request.Parent.Value, request.Location);
        return Done(LedgerEvent.Of("supply.disaggregated", ("sscc", request.Parent.Value), ("organisation", actor.Value)));
    }

    /// <summary>Writes the container in state <paramref name="next"/> with one more event of its own.</summary>
    private static void RecordContainer(
        Execution x, ContainerRecord container, PackState next, SupplyEventKind kind, OrganisationId actor, OrganisationId? counterparty, string reason, string location)
    {
        var entry = new SupplyEvent(kind, actor, x.Actor.Key, counterparty, reason, location, x.Block.Height, x.Block.TimestampMs, x.Transaction.Id.Hash);
        x.Put(SupplyState.ContainerEventKey(container.Sscc, next.EventCount), entry.Encode());
        x.Put(SupplyState.ContainerKey(container.Sscc), (container with { State = next with { EventCount = next.EventCount + 1 } }).Encode());
    }

    private static void Record(Execution x, PackId pack, PackState next, SupplyEventKind kind, OrganisationId actor, AggregationRequest request)
    {
        var entry = new SupplyEvent(kind, actor, x.Actor.Key, null, request.Parent.Value, request.Location, x.Block.Height, x.Block.TimestampMs, x.Transaction.Id.Hash);
        x.Put(SupplyState.PackEventKey(pack, next.EventCount), entry.Encode());
        x.Put(SupplyState.PackKey(pack), (next with { EventCount = next.EventCount + 1 }).Encode());
    }
}
