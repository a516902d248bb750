using Carechain.Core.Codec;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Governance;

/// <summary>Change the approval threshold M or the proposal lifetime; open proposals keep their expiry.</summary>
public sealed record ChangePolicyAction(GovernancePolicy Policy) : ProposalAction
{
    public override ProposalKind Kind => ProposalKind.ChangePolicy;

    protected override void WriteFields(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.VarUInt((ulong)Policy.Approvals).VarUInt((ulong)Policy.ProposalLifetimeBlocks);
    }
}
