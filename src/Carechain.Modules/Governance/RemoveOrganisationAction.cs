using Carechain.Core.Codec;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Governance;

/// <summary>Remove a current organisation: its keys and members lose every privilege.</summary>
public sealed record RemoveOrganisationAction(OrganisationId Organisation) : ProposalAction
{
    public override ProposalKind Kind => ProposalKind.RemoveOrganisation;

    protected override void WriteFields(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Text(Organisation.Value);
    }
}
