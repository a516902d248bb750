using Carechain.Core.Codec;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Governance;

/// <summary>Admit a new organisation with its admin and node keys.</summary>
public sealed record AddOrganisationAction(Organisation Organisation) : ProposalAction
{
    public override ProposalKind Kind => ProposalKind.AddOrganisation;

    protected override void WriteFields(CanonicalWriter writer) => Organisation.WriteTo(writer);
}
