using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Records.Access;

namespace Carechain.Modules.Records;

/// <summary>
/// Access events: a node of the record's custodian records a read it is about to serve; the event
/// is accepted only if <see cref="AccessPolicy"/> allows the read at this block's time.
/// </summary>
public sealed partial class RecordsModule
{
    private static ModuleResult RecordAccess(IStateReader state, Permissions permissions, Transaction tx, BlockContext block, AccessRequest request)
    {
        var record = ReadRecord(state, request.RecordId);
        if (record is null)
        {
            return ModuleResult.Fail(RecordsErrors.UnknownRecord);
        }

        if (!permissions.IsNodeKey(tx.Author) || permissions.OrganisationOf(tx.Author) != record.Custodian)
        {
            return ModuleResult.Fail(RecordsErrors.NotCustodianNode);
        }

        var decision = AccessPolicy.Decide(state, permissions, request.Reader, request.RecordId, request.Purpose, block.TimestampMs);
        if (!decision.Allowed)
        {
            return ModuleResult.Fail(decision.ErrorCode);
        }

        var accessEvent = new AccessEvent(
            tx.Id.Hash, request.Reader, request.RecordId, record.Patient, request.Purpose, decision.Basis!.Value, decision.BasisId,
            tx.Author, block.Height, block.TimestampMs);
        return ModuleResult.Ok(
            [new StateWrite(RecordsKeys.PatientAccess(record.Patient, block.Height, tx.Id.Hash), accessEvent.Encode())],
            LedgerEvent.Of(
                "records.accessed", ("record", request.RecordId.ToString()), ("reader", request.Reader.ToString()),
                ("basis", decision.Basis.Value.ToString()), ("basisId", decision.BasisId?.ToString() ?? string.Empty)));
    }
}
