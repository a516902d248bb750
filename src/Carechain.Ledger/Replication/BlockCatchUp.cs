using Carechain.Core.Codec;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Chain;
using Microsoft.Extensions.Logging;

namespace Carechain.Ledger.Replication;

/// <summary>
/// Brings a member whose head is behind (restarted, or new with only block 0) up to its peers by
/// fetching the blocks it lacks from their APIs. Every block goes through the same validation as a
/// block consensus delivers (<see cref="LedgerChain.ApplyFetched"/>): producer signature, link to
/// the head, transaction signatures and root, re-execution, log root and state commitment. A peer
/// that serves one block that fails is refused for <see cref="BadPeerPause"/> and the next peer is
/// asked; nothing of the refused block is stored. Unreachable peers are skipped, not blamed. Blocks
/// at heights covered by the latest quorum certificate a peer serves must be the certified chain
/// (BlockCatchUp.Pinning.cs).
/// </summary>
public sealed partial class BlockCatchUp(
    ReplicatedLedger ledger, LedgerChain chain, IReadOnlyList<IBlockSource> sources, TimeProvider time, ILogger<BlockCatchUp> logger)
{
    private readonly Dictionary<string, DateTimeOffset> _badUntil = new(StringComparer.Ordinal);
    private readonly Lock _badLock = new();
    private int _next;
    private long _appliedBlocks;
    private long _target = NoTarget;
    private const long NoTarget = -1;

    /// <summary>How long a peer that served an invalid block is not asked again.</summary>
    public TimeSpan BadPeerPause { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many blocks one request asks for (at most <see cref="BlockBatch.MaxBlocks"/>).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>How many fetched blocks this member has validated and stored since it started.</summary>
    public long AppliedBlocks => Interlocked.Read(ref _appliedBlocks);

    /// <summary>
    /// The highest peer head this member is fetching blocks towards, while a catch-up run is under way
    /// and the head is below it; null otherwise (caught up, or following Raft).
    /// </summary>
    public long? CatchingUpTo
    {
        get
        {
            var target = Interlocked.Read(ref _target);
            return target > chain.Head.Height ? target : null;
        }
    }

    /// <summary>True while <paramref name="peer"/> is refused for having served an invalid block.</summary>
    public bool IsRefused(string peer)
    {
        lock (_badLock)
        {
            return _badUntil.TryGetValue(peer, out var until) && until > time.GetUtcNow();
        }
    }

    /// <summary>
    /// Fetches and applies blocks from peers until no peer that is reachable and not refused holds a
    /// block above this node's head (or, under load, until a round falls within one batch of them:
    /// consensus delivers the rest). Returns how many blocks were applied.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CatchUpRoundsAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _target, NoTarget);
        }
    }

    private async Task<int> CatchUpRoundsAsync(CancellationToken cancellationToken)
    {
        await PinToLatestCertificateAsync(cancellationToken).ConfigureAwait(false);
        var applied = 0;
        while (!ledger.Halted.IsCompleted)
        {
            var round = 0;
            for (var i = 0; i < sources.Count && !ledger.Halted.IsCompleted; i++)
            {
                var source = sources[(_next + i) % sources.Count];
                if (!IsRefused(source.Name))
                {
                    round += await FetchFromAsync(source, cancellationToken).ConfigureAwait(false);
                }
            }

            // Start the next round with another peer, spreading the load.
            _next = sources.Count == 0 ? 0 : (_next + 1) % sources.Count;
            applied += round;
            if (round < BatchSize)
            {
                return applied;
            }
        }

        return applied;
    }

    /// <summary>Applies what one peer holds above the head; stops at the first block it refuses.</summary>
    private async Task<int> FetchFromAsync(IBlockSource source, CancellationToken cancellationToken)
    {
        var applied = 0;
        try
        {
            var peerHead = await source.GetHeadHeightAsync(cancellationToken).ConfigureAwait(false);
            RaiseTarget(peerHead);
            if (!await PinDownToHeadAsync(source, peerHead, cancellationToken).ConfigureAwait(false))
            {
                return applied;
            }

            while (chain.Head.Height < peerHead && !ledger.Halted.IsCompleted)
            {
                var from = chain.Head.Height + 1;
                var batch = await source.GetBlockBatchAsync(from, BatchSize, cancellationToken).ConfigureAwait(false);
                IReadOnlyList<byte[]> encoded;
                try
                {
                    encoded = BlockBatch.Decode(batch);
                }
                catch (CodecException ex)
                {
                    Refuse(source, from, $"its answer is not a block batch: {ex.Message}");
                    return applied;
                }

                if (encoded.Count == 0)
                {
                    return applied;
                }

                for (var i = 0; i < encoded.Count; i++)
                {
                    switch (Apply(source, from + i, encoded[i]))
                    {
                        case true:
                            applied++;
                            Interlocked.Increment(ref _appliedBlocks);
                            break;
                        case false:
                            return applied;
                        case null:
                            // Consensus delivered this height meanwhile; ask again from the new head.
                            break;
                    }
                }

                LogProgress(logger, source.Name, chain.Head.Height, peerHead);
            }
        }
        catch (BlockSourceException ex)
        {
            LogUnreachable(logger, source.Name, ex.Message);
        }

        return applied;
    }

    /// <summary>True when applied; false when refused (the peer is marked); null when this node already holds that very block.</summary>
    private bool? Apply(IBlockSource source, long height, byte[] encoded)
    {
        Block block;
        try
        {
            block = Block.Decode(encoded);
        }
        catch (CodecException ex)
        {
            Refuse(source, height, $"it does not decode: {ex.Message}");
            return false;
        }

        if (block.Header.Height != height)
        {
            Refuse(source, height, $"it is block {block.Header.Height}, not the block asked for");
            return false;
        }

        if (height <= chain.Head.Height)
        {
            if (chain.Store.FindHeight(block.Header.Hash) == height)
            {
                return null;
            }

            Refuse(source, height, $"it differs from block {height} this node holds");
            return false;
        }

        if (CheckPin(block) is { } unpinned)
        {
            Refuse(source, height, unpinned);
            return false;
        }

        var result = ledger.ApplyFetched(block);
        switch (result?.Status)
        {
            case null:
                return false;
            case BlockApplyStatus.Applied:
                return true;
            case BlockApplyStatus.Stale when height <= chain.Head.Height && chain.Store.FindHeight(block.Header.Hash) == height:
                return null;
            default:
                Refuse(source, height, result.Reason);
                return false;
        }
    }

    private void RaiseTarget(long peerHead)
    {
        var current = Interlocked.Read(ref _target);
        while (peerHead > current)
        {
            var seen = Interlocked.CompareExchange(ref _target, peerHead, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void Refuse(IBlockSource source, long height, string reason)
    {
        lock (_badLock)
        {
            _badUntil[source.Name] = time.GetUtcNow() + BadPeerPause;
        }

        LogRefused(logger, height, source.Name, reason, BadPeerPause);
    }

    [LoggerMessage(EventId = 1121, Level = LogLevel.Error,
        Message = "CATCH-UP REFUSED block {Height} from peer {Peer}: {Reason}. Nothing of it is stored; the peer is not asked again for {Pause}")]
    private static partial void LogRefused(ILogger logger, long height, string peer, string reason, TimeSpan pause);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Information, Message = "Caught up from peer {Peer} to block {Height} (peer head {PeerHead})")]
    private static partial void LogProgress(ILogger logger, string peer, long height, long peerHead);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Debug, Message = "Peer {Peer} could not be asked for blocks: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string peer, string reason);
}
