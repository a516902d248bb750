using System.Globalization;
using Carechain.Ledger.Execution;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Verification;

namespace Carechain.Modules.Supply;

/// <summary>
/// A verification at the counter, recorded: anyone with a key may verify (a pharmacist, a patient).
/// The answer is kept under the transaction id; a known pack remembers the scan (to catch a clone
/// scanned elsewhere) and gets a history entry; a suspect answer raises an alert for regulators.
/// A received return verified authentic by its holder becomes saleable again.
/// </summary>
public sealed partial class SupplyModule
{
    private static Outcome Verify(Execution x, VerifyRequest request)
    {
        var reasons = PackVerification.Reasons(x.State, x.Permissions, request, x.Actor.Key, x.Block.TimestampMs);
        var txId = x.Transaction.Id.Hash;
        if (x.State.BatchOf(request.Pack) is { } batch)
        {
            var state = x.State.Pack(request.Pack) ?? PackState.Fresh(batch);
            var entry = new SupplyEvent(
                SupplyEventKind.Verified, x.Actor.Organisation, x.Actor.Key, null, string.Join(' ', reasons), request.Location, x.Block.Height, x.Block.TimestampMs, txId);
            x.Put(SupplyState.PackEventKey(request.Pack, state.EventCount), entry.Encode());
            var scan = new PackScan(x.Actor.Key, x.Actor.Organisation, request.Location, x.Block.TimestampMs, x.Block.Height);
            var saleable = state.Status == PackStatus.Returned && reasons.Count == 0 && x.Actor.Organisation == state.Holder;
            x.Put(SupplyState.PackKey(request.Pack), (state with { EventCount = state.EventCount + 1, LastScan = scan, Status = saleable ? PackStatus.Active : state.Status }).Encode());
        }

        long alert = 0;
        if (reasons.Count > 0)
        {
            alert = x.State.AlertCount() + 1;
            x.Put(SupplyState.AlertCountStateKey(), SupplyState.EncodeCount(alert));
            x.Put(SupplyState.AlertKey(alert), txId.ToArray());
        }

        var record = new VerificationRecord(
            txId, request.Pack, reasons, x.Actor.Key, x.Actor.Organisation, request.Location, x.Block.Height, x.Block.TimestampMs, alert);
        x.Put(SupplyState.VerificationKey(txId), record.Encode());
        return Done(LedgerEvent.Of(
            "supply.verified",
            ("gtin", request.Pack.Gtin.Value),
            ("status", record.Status),
            ("reasons", string.Join(',', reasons)),
            ("alert", alert.ToString(CultureInfo.InvariantCulture))));
    }
}
