namespace Carechain.Ledger.Replication;

/// <summary>
/// A peer that serves committed blocks to a member catching up (a consortium member's API in
/// production). Nothing it answers is trusted: <see cref="BlockCatchUp"/> validates every block.
/// Both methods throw <see cref="BlockSourceException"/> when the peer cannot be reached or refuses.
/// </summary>
public interface IBlockSource
{
    /// <summary>The peer's name for log lines (its member id).</summary>
    string Name { get; }

    /// <summary>The height of the peer's head.</summary>
    Task<long> GetHeadHeightAsync(CancellationToken cancellationToken);

    /// <summary>The peer's latest checkpoint certificate with the node-set changes it carries (nothing checked yet), or null when it holds none.</summary>
    Task<PeerCertificate?> GetLatestCertificateAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> encoded blocks from <paramref name="fromHeight"/> on, framed as a <see cref="BlockBatch"/>.</summary>
    Task<byte[]> GetBlockBatchAsync(long fromHeight, int max, CancellationToken cancellationToken);
}
