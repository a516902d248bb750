using Carechain.Core.Codec;
using Carechain.Core.Hashing;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Checkpoints;
using Microsoft.Extensions.Logging;

namespace Carechain.Ledger.Replication;

/// <summary>
/// Pinning catch-up to the latest checkpoint certificate: a certificate signed by a quorum of the
/// node keys in force at its height (the genesis keys, followed through the certified node-set
/// changes the certificate carries) fixes the header hash at its height, and each header's previous hash fixes the
/// one below, down to this member's head. A fetched block at a pinned height must have that hash,
/// so a peer serving a chain that is valid but not the certified one is refused before anything of
/// it is stored.
/// </summary>
public sealed partial class BlockCatchUp
{
    private readonly Dictionary<long, Hash256> _pins = [];
    private long _certifiedHeight = NoTarget;

    /// <summary>The height of the latest certificate catch-up is pinned to, or null before one was seen.</summary>
    public long? CertifiedHeight => Interlocked.Read(ref _certifiedHeight) is var h and >= 0 ? h : null;

    /// <summary>Asks every peer for its latest certificate and pins catch-up to the highest that verifies.</summary>
    private async Task PinToLatestCertificateAsync(CancellationToken cancellationToken)
    {
        CheckpointCertificate? best = null;
        foreach (var source in sources.Where(s => !IsRefused(s.Name)))
        {
            PeerCertificate? served;
            try
            {
                served = await source.GetLatestCertificateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BlockSourceException ex)
            {
                LogUnreachable(logger, source.Name, ex.Message);
                continue;
            }

            if (served?.Certificate is not { } certificate || certificate.Statement.Height <= (best?.Statement.Height ?? Interlocked.Read(ref _certifiedHeight)))
            {
                continue;
            }

            // Checked from the genesis node keys through the changes it carries, as carechain proof verify
            // does; one that does not hold (an incomplete chain of changes, say) is not used, and nobody is blamed.
            var verdict = CertificateChain.Verify(chain.ChainId, new NodeSet(chain.Genesis.Producers), served.NodeSetChanges, certificate);
            if (verdict.IsValid)
            {
                best = certificate;
            }
            else
            {
                LogCertificateNotUsed(logger, source.Name, certificate.Statement.Height, verdict.Reason);
            }
        }

        if (best is null)
        {
            return;
        }

        var statement = best.Statement;
        Interlocked.Exchange(ref _certifiedHeight, statement.Height);
        var head = chain.Head;
        if (statement.Height > head.Height)
        {
            _pins[statement.Height] = statement.HeaderHash;
            return;
        }

        if (chain.Store.ReadBlock(statement.Height)?.Header.Hash != statement.HeaderHash)
        {
            ledger.StopDiverged($"a quorum certificate certifies {statement}, but this node holds another block at that height");
        }
    }

    /// <summary>
    /// Extends the pins from the lowest pinned height above the head down to the block right above the
    /// head, with the headers <paramref name="source"/> serves (verified to link to the pin). False
    /// when the source could not do it (refused, or it does not hold the pinned block).
    /// </summary>
    private async Task<bool> PinDownToHeadAsync(IBlockSource source, long peerHead, CancellationToken cancellationToken)
    {
        // A peer may answer fewer blocks than asked (its answers stop at about 4 MiB): the window
        // shrinks to what it serves, so each request ends at the lowest pinned height.
        var window = (long)BatchSize;
        while (LowestPinAboveHead() is { } lowest && lowest > chain.Head.Height + 1)
        {
            if (peerHead < lowest)
            {
                return false;
            }

            var from = Math.Max(chain.Head.Height + 1, lowest - window + 1);
            var batch = await source.GetBlockBatchAsync(from, (int)(lowest - from + 1), cancellationToken).ConfigureAwait(false);
            IReadOnlyList<byte[]> encoded;
            try
            {
                encoded = BlockBatch.Decode(batch);
            }
            catch (CodecException ex)
            {
                Refuse(source, from, $"its answer is not a block batch: {ex.Message}");
                return false;
            }

            if (encoded.Count == 0)
            {
                return false;
            }

            if (encoded.Count < lowest - from + 1)
            {
                window = encoded.Count;
                continue;
            }

            if (encoded.Count > lowest - from + 1)
            {
                Refuse(source, from, "it answered more blocks than asked for");
                return false;
            }

            var expected = _pins[lowest];
            for (var i = encoded.Count - 1; i >= 0; i--)
            {
                BlockHeader header;
                try
                {
                    header = Block.Decode(encoded[i]).Header;
                }
                catch (CodecException ex)
                {
                    Refuse(source, from + i, $"it does not decode: {ex.Message}");
                    return false;
                }

                if (header.Height != from + i || header.Hash != expected)
                {
                    Refuse(source, from + i, $"it is not the block the checkpoint certificate at height {CertifiedHeight} certifies through the hash links");
                    return false;
                }

                _pins[header.Height] = header.Hash;
                expected = header.PreviousHash;
            }

            if (from - 1 == chain.Head.Height && expected != chain.Head.Hash)
            {
                ledger.StopDiverged($"the chain certified at height {CertifiedHeight} does not extend this node's head {chain.Head.Height} ({chain.Head.Hash})");
                return false;
            }
        }

        return true;
    }

    /// <summary>Null when <paramref name="block"/> may be applied as far as the pins go, else why not.</summary>
    private string? CheckPin(Block block)
    {
        var height = block.Header.Height;
        return _pins.TryGetValue(height, out var pinned) && pinned != block.Header.Hash
            ? $"it is not the block the checkpoint certificate at height {CertifiedHeight} certifies at that height ({pinned})"
            : null;
    }

    private long? LowestPinAboveHead()
    {
        var head = chain.Head.Height;
        foreach (var height in _pins.Keys.Where(h => h <= head).ToList())
        {
            _pins.Remove(height);
        }

        return _pins.Count == 0 ? null : _pins.Keys.Min();
    }

    [LoggerMessage(EventId = 1124, Level = LogLevel.Debug, Message = "Peer {Peer}'s certificate at height {Height} is not used: {Reason}")]
    private static partial void LogCertificateNotUsed(ILogger logger, string peer, long height, string reason);
}
