using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;

namespace Carechain.Node.Fhir;

/// <summary>
/// What <see cref="FhirWrites.Prepare"/> checks about the writer, read once at the head
/// (<see cref="FhirWrites.Check"/>): <see cref="Organisation"/> is this node's organisation when
/// the caller is a clinical member of it, else null (the write is refused). The permissions
/// remember standings (<see cref="Permissions.Remembering"/>), so the entries of one Bundle for one
/// patient read the patient once. The chain checks everything again when the anchor executes.
/// </summary>
internal sealed class WriterCheck(Permissions permissions, OrganisationId? organisation)
{
    public OrganisationId? Organisation => organisation;

    public bool IsRegisteredPatient(Ed25519PublicKey patient) => permissions.RoleOf(patient) == IdentityRole.Patient;
}
