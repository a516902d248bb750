using Carechain.Ledger.Blocks;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Replication;

namespace Carechain.Ledger.Tests.Replication;

/// <summary>
/// A peer serving the blocks of a real chain, as a member's API does (the same <see cref="BlockBatch"/>
/// framing), optionally replacing one block with a tampered one; or unreachable.
/// </summary>
internal sealed class ChainBlockSource(string name, LedgerChain chain, Func<Block, Block>? tamper = null, long tamperedHeight = -1) : IBlockSource
{
    public string Name => name;

    public bool Unreachable { get; set; }

    public int BatchRequests { get; private set; }

    /// <summary>At most this many blocks per answer, as a peer whose answers reach their size limit.</summary>
    public int MaxPerAnswer { get; set; } = int.MaxValue;

    /// <summary>The certificate this peer serves as its latest, if any.</summary>
    public CheckpointCertificate? Certificate { get; set; }

    public Task<PeerCertificate?> GetLatestCertificateAsync(CancellationToken cancellationToken) =>
        Unreachable ? throw new BlockSourceException("connection refused") : Task.FromResult(Certificate is { } c ? new PeerCertificate(c, []) : null);

    public Task<long> GetHeadHeightAsync(CancellationToken cancellationToken) =>
        Unreachable ? throw new BlockSourceException("connection refused") : Task.FromResult(chain.Head.Height);

    public Task<byte[]> GetBlockBatchAsync(long fromHeight, int max, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            throw new BlockSourceException("connection refused");
        }

        BatchRequests++;
        var blocks = new List<byte[]>();
        for (var height = fromHeight; blocks.Count < Math.Min(max, MaxPerAnswer) && chain.ReadBlock(height) is { } block; height++)
        {
            blocks.Add((height == tamperedHeight && tamper is not null ? tamper(block) : block).Encode());
        }

        return Task.FromResult(BlockBatch.Encode(blocks));
    }
}
