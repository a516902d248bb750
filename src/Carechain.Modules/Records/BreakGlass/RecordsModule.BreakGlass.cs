using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Records.BreakGlass;

namespace Carechain.Modules.Records;

/// <summary>Break-glass: only an organisation member in the emergency role opens it, for a registered patient.</summary>
public sealed partial class RecordsModule
{
    private const long MillisecondsPerMinute = 60_000;

    private static ModuleResult OpenBreakGlass(Permissions permissions, Transaction tx, BlockContext block, BreakGlassRequest request)
    {
        if (permissions.RoleOf(tx.Author) != ClinicalRoles.Emergency || permissions.OrganisationOf(tx.Author) is not { } organisation)
        {
            return ModuleResult.Fail(RecordsErrors.NotEmergency);
        }

        if (permissions.RoleOf(request.Patient) != IdentityRole.Patient)
        {
            return ModuleResult.Fail(RecordsErrors.UnknownPatient);
        }

        var id = tx.Id.Hash;
        var record = new BreakGlassRecord(
            id, request.Patient, tx.Author, organisation, request.ReasonCode, request.ReasonText,
            block.TimestampMs, block.TimestampMs + (request.Minutes * MillisecondsPerMinute), block.Height);
        return ModuleResult.Ok(
            [
                new StateWrite(RecordsKeys.BreakGlass(id), record.Encode()),
                new StateWrite(RecordsKeys.LatestBreakGlass(request.Patient, tx.Author), id.ToArray()),
                new StateWrite(RecordsKeys.PatientBreakGlass(request.Patient, id), RecordsKeys.Present),
            ],
            LedgerEvent.Of(
                "records.break_glass", ("id", id.ToString()), ("patient", request.Patient.ToString()), ("organisation", organisation.Value),
                ("reason", request.ReasonCode), ("review", "pending")));
    }
}
