using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;

namespace Carechain.Modules.Records.Access;

/// <summary>
/// THE rule for who may see the chain's facts about a patient's records (served as FHIR Consent,
/// AuditEvent and Provenance). The facts hold no health data, but they tell who is treated where,
/// so only: the patient, every fact about them; an auditor, the access events and break-glasses
/// (their job is reviewing access); a clinical member of the custodian, the anchors of the records
/// their organisation keeps. A caller without an active key sees nothing.
/// </summary>
public static class RecordFactPolicy
{
    public const string AuditorRole = "auditor";

    /// <param name="custodian">The organisation keeping the record, for <see cref="RecordFact.Anchor"/>.</param>
    public static bool MaySee(Permissions permissions, Ed25519PublicKey caller, RecordFact fact, Ed25519PublicKey patient, OrganisationId? custodian = null)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var role = permissions.RoleOf(caller);
        if (role is null)
        {
            return false;
        }

        if (caller == patient)
        {
            return true;
        }

        return fact switch
        {
            RecordFact.Access => role == AuditorRole,
            RecordFact.Anchor => ClinicalRoles.Includes(role) && custodian is { } keeper && permissions.OrganisationOf(caller) == keeper,
            _ => false,
        };
    }
}
