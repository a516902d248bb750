using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;

namespace Carechain.Ledger.Execution;

/// <summary>
/// Which node keys are in force at a height, as the chain's governance decides: the keys that may
/// produce block <c>height</c> and certify it. Every member must answer alike for the same state, so
/// the answer comes from the chain's state only.
/// </summary>
public interface INodeSetSource
{
    /// <summary>
    /// The node keys in force after block <paramref name="height"/> − 1, read from
    /// <paramref name="state"/>: the state after that block or any later one (the history is never
    /// rewritten), layered over <paramref name="genesis"/>.
    /// </summary>
    NodeSet NodeSetAt(IStateReader state, GenesisDocument genesis, long height);
}
