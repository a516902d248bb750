namespace Carechain.Ledger.Replication;

/// <summary>What a replicated node did with a block that consensus delivered.</summary>
public enum BlockApplyStatus
{
    /// <summary>The block extended the head, re-executed to its header, and is durably stored.</summary>
    Applied,

    /// <summary>
    /// The block does not extend the head (a deposed leader's late proposal, or a replay). Every node
    /// decides this from the block and its head alone, so every node skips it identically.
    /// </summary>
    Stale,

    /// <summary>
    /// The block is invalid in a way that depends only on the block and the genesis (bad producer,
    /// bad signature, undecodable): every honest node refuses it identically, so it is skipped.
    /// </summary>
    Rejected,

    /// <summary>
    /// Re-execution disagrees with the header: this node's state differs from the producer's, or
    /// the producer is faulty. The node must stop committing.
    /// </summary>
    Diverged,
}
