namespace Carechain.Ledger.Production;

/// <summary>How the solo producer cuts blocks.</summary>
public sealed class ProducerOptions
{
    /// <summary>Most transactions in one block.</summary>
    public int MaxBlockTransactions { get; set; } = 5_000;

    /// <summary>
    /// How long to gather transactions after the first one arrives before cutting a block.
    /// Zero cuts at once; under load, blocks still grow while the previous one is being synced.
    /// </summary>
    public TimeSpan BlockInterval { get; set; } = TimeSpan.Zero;

    /// <summary>Most transactions waiting for a block; past this, admission answers mempool_full.</summary>
    public int MempoolCapacity { get; set; } = 200_000;
}
