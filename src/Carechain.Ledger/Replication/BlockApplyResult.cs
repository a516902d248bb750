using Carechain.Ledger.Chain;

namespace Carechain.Ledger.Replication;

/// <summary>The outcome of applying one delivered block: the stored block when applied, else why not.</summary>
public sealed record BlockApplyResult(BlockApplyStatus Status, CommittedBlock? Committed, string Reason)
{
    public static BlockApplyResult Applied(CommittedBlock block) => new(BlockApplyStatus.Applied, block, string.Empty);

    public static BlockApplyResult Stale(string reason) => new(BlockApplyStatus.Stale, null, reason);

    public static BlockApplyResult Rejected(string reason) => new(BlockApplyStatus.Rejected, null, reason);

    public static BlockApplyResult Diverged(string reason) => new(BlockApplyStatus.Diverged, null, reason);
}
