namespace Carechain.Consensus;

/// <summary>
/// Travels with a proposed entry as its in-process DotNext context, so the leader learns the log
/// index the entry was committed at. Set by <see cref="CommittedEntryDispatcher"/> before DotNext
/// reports the entry applied, hence visible to the proposer once replication returns.
/// </summary>
internal sealed class ProposalTicket
{
    private long index;

    /// <summary>The committed log index, or 0 while not yet applied on this member.</summary>
    public long Index
    {
        get => Volatile.Read(ref index);
        set => Volatile.Write(ref index, value);
    }
}
