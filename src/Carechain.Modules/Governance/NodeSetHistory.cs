using Carechain.Core.Crypto;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Execution;

namespace Carechain.Modules.Governance;

/// <summary>
/// Keeps the node-set history (<see cref="NodeSetRecord"/>) in step with adopted proposals, one entry
/// per block that changes the node keys: a second change in the same block replaces that block's entry,
/// and a block whose changes cancel out leaves none, so heights strictly increase and every entry
/// really changes the set.
/// </summary>
internal static class NodeSetHistory
{
    public static IReadOnlyList<StateWrite> Record(Permissions permissions, long height, IEnumerable<Ed25519PublicKey> nodeKeys)
    {
        var after = new NodeSet(nodeKeys);
        var history = permissions.NodeSetHistory().Where(r => r.Height < height).ToList();
        var before = permissions.NodeSetAt(height);
        if (after != before)
        {
            history.Add(new NodeSetRecord(height, after));
        }

        return [ConsortiumState.WriteNodeSetHistory(history)];
    }
}
