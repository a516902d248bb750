namespace Carechain.Ledger.Blocks;

/// <summary>Bounds every node enforces on a block.</summary>
public static class BlockLimits
{
    public const int MaxTransactions = 20_000;
}
