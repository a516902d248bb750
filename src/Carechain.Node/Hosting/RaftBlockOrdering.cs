using Carechain.Consensus;
using Carechain.Ledger.Replication;

namespace Carechain.Node.Hosting;

/// <summary>Orders the ledger's blocks with <see cref="RaftOrdering"/>.</summary>
internal sealed class RaftBlockOrdering(RaftOrdering raft) : IBlockOrdering
{
    public bool IsLeader => raft.IsLeader;

    public async Task<bool> ProposeAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        try
        {
            await raft.ProposeAsync(block, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NotLeaderException)
        {
            // Whether or not the entry may still commit, the ledger learns its fate only through
            // delivery, like every other node.
            return false;
        }
    }

    public Task<bool> ResignAsync(CancellationToken cancellationToken) => raft.ResignAsync(cancellationToken);
}
