using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Records.Erasure;

namespace Carechain.Modules.Records;

/// <summary>Erasure: only the record's patient may erase it; afterwards every read is refused as gone.</summary>
public sealed partial class RecordsModule
{
    private static ModuleResult Erase(IStateReader state, Transaction tx, BlockContext block, EraseRequest request)
    {
        var record = ReadRecord(state, request.RecordId);
        if (record is null)
        {
            return ModuleResult.Fail(RecordsErrors.UnknownRecord);
        }

        if (record.Patient != tx.Author)
        {
            return ModuleResult.Fail(RecordsErrors.NotPatient);
        }

        if (record.IsErased)
        {
            return ModuleResult.Fail(RecordsErrors.RecordErased);
        }

        return ModuleResult.Ok(
            [new StateWrite(RecordsKeys.Record(request.RecordId), (record with { ErasedHeight = block.Height }).Encode())],
            LedgerEvent.Of("records.erased", ("record", request.RecordId.ToString()), ("custodian", record.Custodian.Value)));
    }
}
