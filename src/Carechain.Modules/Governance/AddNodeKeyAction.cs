using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Governance;

/// <summary>Give a current organisation another node key.</summary>
public sealed record AddNodeKeyAction(OrganisationId Organisation, Ed25519PublicKey Key) : ProposalAction
{
    public override ProposalKind Kind => ProposalKind.AddNodeKey;

    protected override void WriteFields(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Text(Organisation.Value).Key(Key);
    }
}
