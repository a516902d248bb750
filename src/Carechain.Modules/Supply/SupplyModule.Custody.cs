using System.Globalization;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Supply;

/// <summary>
/// Custody moves only ship → receive between organisations: the holder ships to a named receiver,
/// only that receiver receives, and a dispensed or decommissioned pack moves no more. A received
/// return is not saleable (no ship, dispense or packing) until its holder verifies it authentic.
/// Every pack of the event must allow the move, or none moves.
/// </summary>
public sealed partial class SupplyModule
{
    /// <summary>How long after a dispense or decommission its author may undo it (EU FMD: 10 days).</summary>
    public const long UndoWindowMs = 10L * 24 * 60 * 60 * 1000;

    private static readonly OrganisationKind[] Dispensers = [OrganisationKind.Pharmacy, OrganisationKind.Hospital, OrganisationKind.Clinic];

    private static Outcome Custody(Execution x, CustodyAction action, CustodyRequest request)
    {
        if (x.Actor.Organisation is not { } actor)
        {
            return Fail(SupplyErrors.NoOrganisation);
        }

        if (action == CustodyAction.Dispense && !Dispensers.Contains(x.Actor.Kind!.Value))
        {
            return Fail(SupplyErrors.WrongOrganisationKind);
        }

        if (action == CustodyAction.Undo && request.AllContainers.Count > 0)
        {
            return Fail(SupplyErrors.UndoNotAllowed);
        }

        if (request.Receiver is { } receiver)
        {
            if (!x.Permissions.IsCurrent(receiver))
            {
                return Fail(SupplyErrors.UnknownReceiver);
            }

            if (receiver == actor)
            {
                return Fail(SupplyErrors.SelfShipment);
            }
        }

        foreach (var pack in request.Packs)
        {
            if (MovePack(x, action, actor, request, pack, viaContainer: false) is { } error)
            {
                return Fail(error);
            }
        }

        foreach (var sscc in request.AllContainers)
        {
            var container = x.State.Container(sscc);
            if (container is null || container.Children.Count == 0)
            {
                return Fail(SupplyErrors.UnknownContainer);
            }

            var (error, next, counterparty) = Move(action, actor, request, container.State, LotStatus.Active, x.Block.Height);
            if (error is not null)
            {
                return Fail(error);
            }

            foreach (var child in container.Children)
            {
                if (MovePack(x, action, actor, request, child, viaContainer: true) is { } childError)
                {
                    return Fail(childError);
                }
            }

            RecordContainer(x, container, next!, EventKindOf(action), actor, counterparty, request.Reason, request.Location);
        }

        return Done(LedgerEvent.Of(
            "supply." + SupplyEvent.KindName(EventKindOf(action)),
            ("organisation", actor.Value),
            ("packs", request.Packs.Count.ToString(CultureInfo.InvariantCulture)),
            ("containers", request.AllContainers.Count.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>Applies the action to one pack (writing its state and history), or says why not.</summary>
    private static string? MovePack(Execution x, CustodyAction action, OrganisationId actor, CustodyRequest request, PackId pack, bool viaContainer)
    {
        var batch = x.State.BatchOf(pack);
        if (batch is null)
        {
            return SupplyErrors.UnknownPack;
        }

        var state = x.State.Pack(pack) ?? PackState.Fresh(batch);
        if (state.Container.Length > 0 && !viaContainer)
        {
            return SupplyErrors.PackAggregated;
        }

        var lot = x.State.Lot(batch.Gtin, batch.Lot)!;
        var (error, next, counterparty) = action == CustodyAction.Undo
            ? Undo(x, pack, state, request.EventHash)
            : Move(action, actor, request, state, lot.Status, x.Block.Height);
        if (error is not null)
        {
            return error;
        }

        var entry = new SupplyEvent(
            EventKindOf(action), actor, x.Actor.Key, counterparty, request.Reason, request.Location, x.Block.Height, x.Block.TimestampMs, x.Transaction.Id.Hash);
        x.Put(SupplyState.PackEventKey(pack, state.EventCount), entry.Encode());
        x.Put(SupplyState.PackKey(pack), (next! with { EventCount = state.EventCount + 1 }).Encode());
        return null;
    }

    /// <summary>
    /// Reinstates a pack dispensed or decommissioned in error: only its last such event's own key,
    /// within the window, and not from a final status. The pack is active again with its holder.
    /// An undo that declares an EPCIS event in error (<paramref name="declared"/>, that event's hash)
    /// must name the very event that made the pack inactive, by the id the query answers for it: the
    /// hash it was captured with, or, when it was a plain transaction, the hash of its query view
    /// (<see cref="Epcis.EpcisEventView.QueryDigest"/>).
    /// </summary>
    private static (string? Error, PackState? Next, OrganisationId? Counterparty) Undo(Execution x, PackId pack, PackState state, Core.Hashing.Hash256? declared)
    {
        if (state.Status is not (PackStatus.Dispensed or PackStatus.Decommissioned) || DecommissionReasons.Irreversible.Contains(state.Reason))
        {
            return (SupplyErrors.UndoNotAllowed, null, null);
        }

        var inactivation = x.State.PackEvents(pack, state.EventCount).Last(e => e.Kind is SupplyEventKind.Dispensed or SupplyEventKind.Decommissioned);
        if (inactivation.Author != x.Actor.Key)
        {
            return (SupplyErrors.UndoByOtherUser, null, null);
        }

        if (declared is { } hash && hash != DeclarableHash(x, pack, inactivation))
        {
            return (SupplyErrors.UndoWrongEvent, null, null);
        }

        return x.Block.TimestampMs - inactivation.TimestampMs > UndoWindowMs
            ? (SupplyErrors.UndoWindowPassed, null, null)
            : (null, state with { Status = PackStatus.Active, Reason = string.Empty, LastMoveHeight = x.Block.Height }, null);
    }

    private static Core.Hashing.Hash256 DeclarableHash(Execution x, PackId pack, SupplyEvent inactivation) =>
        x.State.CapturedEvent(inactivation.TxId)
        ?? Core.Hashing.Hash256.Read(Epcis.EpcisEventView.QueryDigest(pack, inactivation, x.State.PrefixRecordOf(pack.Gtin)?.Prefix.Value.Length));

    /// <summary>The one transition table of a pack's life: the new state, or why not.</summary>
    private static (string? Error, PackState? Next, OrganisationId? Counterparty) Move(
        CustodyAction action, OrganisationId actor, CustodyRequest request, PackState state, LotStatus lot, long height)
    {
        if (state.Status is PackStatus.Dispensed or PackStatus.Decommissioned)
        {
            return (SupplyErrors.PackInactive, null, null);
        }

        if (action == CustodyAction.Receive)
        {
            if (!state.Status.IsInTransit())
            {
                return (SupplyErrors.NotInTransit, null, null);
            }

            var received = state.Status == PackStatus.ReturnInTransit ? PackStatus.Returned : PackStatus.Active;
            return state.Receiver != actor
                ? (SupplyErrors.NotReceiver, null, null)
                : (null, state with { Holder = actor, Status = received, Receiver = null, LastMoveHeight = height }, state.Holder);
        }

        if (state.Status.IsInTransit())
        {
            return (SupplyErrors.InTransit, null, null);
        }

        if (state.Holder != actor)
        {
            return (SupplyErrors.NotHolder, null, null);
        }

        // A recalled pack may still go back up the chain or be destroyed; a quarantined one stays put.
        if (lot == LotStatus.Quarantined && action != CustodyAction.Decommission)
        {
            return (SupplyErrors.LotQuarantined, null, null);
        }

        if (lot == LotStatus.Recalled && action is CustodyAction.Ship or CustodyAction.Dispense)
        {
            return (SupplyErrors.LotRecalled, null, null);
        }

        if (state.Status == PackStatus.Returned && action is CustodyAction.Ship or CustodyAction.Dispense)
        {
            return (SupplyErrors.ReturnNotVerified, null, null);
        }

        return action switch
        {
            CustodyAction.Ship => (null, state with { Status = PackStatus.InTransit, Receiver = request.Receiver, LastMoveHeight = height }, request.Receiver),
            CustodyAction.Return => (null, state with { Status = PackStatus.ReturnInTransit, Receiver = request.Receiver, LastMoveHeight = height }, request.Receiver),
            CustodyAction.Dispense => (null, state with { Status = PackStatus.Dispensed, LastMoveHeight = height }, null),
            _ => (null, state with { Status = PackStatus.Decommissioned, Reason = request.Reason, LastMoveHeight = height }, null),
        };
    }

    private static SupplyEventKind EventKindOf(CustodyAction action) => action switch
    {
        CustodyAction.Ship => SupplyEventKind.Shipped,
        CustodyAction.Receive => SupplyEventKind.Received,
        CustodyAction.Dispense => SupplyEventKind.Dispensed,
        CustodyAction.Decommission => SupplyEventKind.Decommissioned,
        CustodyAction.Undo => SupplyEventKind.Reinstated,
        _ => SupplyEventKind.Returned,
    };
}
