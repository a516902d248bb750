using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Records.BreakGlass;

namespace Carechain.Modules.Records;

/// <summary>
/// Break-glass: only an organisation member in the emergency role opens it, for a registered
/// patient; it waits for review until an auditor or admin of that organisation records the outcome.
/// </summary>
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
                new StateWrite(RecordsKeys.PendingReview(organisation, id), RecordsKeys.Present),
            ],
            LedgerEvent.Of(
                "records.break_glass", ("id", id.ToString()), ("patient", request.Patient.ToString()), ("organisation", organisation.Value),
                ("reason", request.ReasonCode), ("review", "pending")));
    }

    private static ModuleResult Review(IStateReader state, Permissions permissions, Transaction tx, BlockContext block, ReviewRequest request)
    {
        var glass = ReadBreakGlass(state, request.BreakGlassId);
        if (glass is null)
        {
            return ModuleResult.Fail(RecordsErrors.UnknownBreakGlass);
        }

        var role = permissions.RoleOf(tx.Author);
        if (permissions.OrganisationOf(tx.Author) != glass.Organisation || role is not ("auditor" or IdentityRole.Admin))
        {
            return ModuleResult.Fail(RecordsErrors.NotReviewer);
        }

        if (ReadReview(state, request.BreakGlassId) is not null)
        {
            return ModuleResult.Fail(RecordsErrors.AlreadyReviewed);
        }

        var review = new BreakGlassReview(request.BreakGlassId, tx.Author, request.Outcome, block.Height, block.TimestampMs);
        return ModuleResult.Ok(
            [
                new StateWrite(RecordsKeys.BreakGlassReview(request.BreakGlassId), review.Encode()),
                new StateWrite(RecordsKeys.PendingReview(glass.Organisation, request.BreakGlassId), null),
            ],
            LedgerEvent.Of("records.break_glass_reviewed", ("id", request.BreakGlassId.ToString()), ("outcome", request.Outcome)));
    }
}
