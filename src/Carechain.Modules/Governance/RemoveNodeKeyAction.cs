using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Governance;

/// <summary>Retire one node key of a current organisation (never the consortium's last).</summary>
public sealed record RemoveNodeKeyAction(OrganisationId Organisation, Ed25519PublicKey Key) : ProposalAction
{
    public override ProposalKind Kind => ProposalKind.RemoveNodeKey;

    protected override void WriteFields(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Text(Organisation.Value).Key(Key);
    }
}
