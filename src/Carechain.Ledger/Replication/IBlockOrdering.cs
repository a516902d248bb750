namespace Carechain.Ledger.Replication;

/// <summary>
/// The consensus a replicated node orders its blocks with (Raft in production). The ledger only
/// needs to know whether this node may propose, to propose an encoded block, and to step down
/// when this node's key may no longer produce.
/// </summary>
public interface IBlockOrdering
{
    /// <summary>True while this node is the leader and a proposal can be ordered here.</summary>
    bool IsLeader { get; }

    /// <summary>
    /// Proposes one encoded block. True once it is committed by a quorum and this node has already
    /// been handed it; false when this node is not (or stopped being) the leader, in which case the
    /// block may or may not still be ordered by the next leader.
    /// </summary>
    Task<bool> ProposeAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken);

    /// <summary>Gives up leadership so that another member leads; false when this node did not lead.</summary>
    Task<bool> ResignAsync(CancellationToken cancellationToken);
}
