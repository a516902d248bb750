using Carechain.Ledger.Replication;

namespace Carechain.Ledger.Tests.Replication;

/// <summary>
/// Consensus of one member that delivers every proposal to the ledger at once, except that the next
/// proposal can be made to lose leadership: before the entry was appended (never ordered) or after
/// it was committed (ordered after all, though the proposer is told it lost).
/// </summary>
internal sealed class ScriptedOrdering(ReplicatedLedger ledger) : IBlockOrdering
{
    private long _index;

    public bool IsLeader { get; set; } = true;

    /// <summary>Null: the next proposal is ordered. False: it loses leadership unordered. True: it loses leadership but is ordered.</summary>
    public bool? LoseNext { get; set; }

    public async Task<bool> ProposeAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        if (LoseNext is { } orderedAnyway)
        {
            LoseNext = null;
            IsLeader = false;
            if (orderedAnyway)
            {
                await ledger.OnDeliveredAsync(++_index, block, cancellationToken);
            }

            return false;
        }

        await ledger.OnDeliveredAsync(++_index, block, cancellationToken);
        return true;
    }

    public Task<bool> ResignAsync(CancellationToken cancellationToken)
    {
        var led = IsLeader;
        IsLeader = false;
        return Task.FromResult(led);
    }
}
