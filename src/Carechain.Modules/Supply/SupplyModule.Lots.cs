using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Supply;

/// <summary>Lot-wide events: a recall by the manufacturer or a regulator; quarantine and release by a regulator. One write per lot.</summary>
public sealed partial class SupplyModule
{
    private static Outcome Lot(Execution x, LotAction action, LotRequest request)
    {
        if (x.Actor.Organisation is not { } actor)
        {
            return Fail(SupplyErrors.NoOrganisation);
        }

        var lot = x.State.Lot(request.Gtin, request.Lot);
        if (lot is null)
        {
            return Fail(SupplyErrors.UnknownLot);
        }

        var regulator = x.Actor.Kind == OrganisationKind.Regulator;
        if (!regulator && (action != LotAction.Recall || lot.Manufacturer != actor))
        {
            return Fail(action == LotAction.Recall ? SupplyErrors.NotProductOwner : SupplyErrors.WrongOrganisationKind);
        }

        var (error, status, kind) = action switch
        {
            _ when lot.Status == LotStatus.Recalled => (SupplyErrors.LotRecalled, lot.Status, SupplyEventKind.Recalled),
            LotAction.Recall => (null, LotStatus.Recalled, SupplyEventKind.Recalled),
            LotAction.Quarantine when lot.Status == LotStatus.Quarantined => (SupplyErrors.LotQuarantined, lot.Status, SupplyEventKind.Quarantined),
            LotAction.Quarantine => (null, LotStatus.Quarantined, SupplyEventKind.Quarantined),
            _ when lot.Status != LotStatus.Quarantined => (SupplyErrors.NotQuarantined, lot.Status, SupplyEventKind.Released),
            _ => ((string?)null, LotStatus.Active, SupplyEventKind.Released),
        };
        if (error is not null)
        {
            return Fail(error);
        }

        var entry = new SupplyEvent(kind, actor, x.Actor.Key, null, request.Reason, string.Empty, x.Block.Height, x.Block.TimestampMs, x.Transaction.Id.Hash);
        x.Put(SupplyState.LotEventKey(request.Gtin, request.Lot, lot.EventCount), entry.Encode());
        x.Put(SupplyState.LotKey(request.Gtin, request.Lot), (lot with { Status = status, EventCount = lot.EventCount + 1 }).Encode());
        return Done(LedgerEvent.Of("supply.lot_" + SupplyEvent.KindName(kind), ("gtin", request.Gtin.Value), ("lot", request.Lot), ("organisation", actor.Value)));
    }
}
