using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;

namespace Carechain.Modules.Governance;

/// <summary>The node keys in force at a height, from the node-set history governance keeps (<see cref="Permissions.NodeSetAt"/>).</summary>
public sealed class GovernanceNodeSets : INodeSetSource
{
    public NodeSet NodeSetAt(IStateReader state, GenesisDocument genesis, long height) => new Permissions(state, genesis).NodeSetAt(height);
}
