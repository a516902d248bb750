using System.Collections.Concurrent;
using Carechain.Client;
using Carechain.Consensus.Certificates;
using Carechain.Core.Crypto;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Replication;
using Carechain.Modules.Governance;
using Microsoft.Extensions.Logging;

namespace Carechain.Node.Certification;

/// <summary>
/// A consortium member's part in checkpoint certification. After it applies an attested block it
/// signs (chain, height, header hash, state commitment, log root and size) with its node key and sends
/// that to every peer, which answer with their own; a quorum of matching signatures is a
/// <see cref="CheckpointCertificate"/>, stored durably and served. A peer that signs something else is
/// logged loudly and counted; a quorum that signs something else means this node diverged, so it
/// stops committing (health 503 <c>diverged</c>) and says at which height and with which states.
/// </summary>
public sealed partial class CheckpointCertifier
{
    /// <summary>How often the head is looked at for newly applied blocks to attest.</summary>
    private static readonly TimeSpan HeadPoll = TimeSpan.FromMilliseconds(50);

    private readonly LedgerChain _chain;
    private readonly SigningKey _nodeKey;
    private readonly ReplicatedLedger _ledger;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, CheckpointAttestation> _own = new();
    private NodeSetView _nodeSets = new(-1, [], null!);
    private long _lastSigned = -1;
    private long _lastCertified;
    private long _disagreements;

    public CheckpointCertifier(LedgerChain chain, SigningKey nodeKey, int interval, ReplicatedLedger ledger, TimeProvider time, ILogger<CheckpointCertifier> logger)
    {
        ArgumentNullException.ThrowIfNull(chain);
        _chain = chain;
        _nodeKey = nodeKey;
        _ledger = ledger;
        _time = time;
        _logger = logger;
        _lastCertified = chain.Store.ReadLatestCertificate()?.Statement.Height ?? -1;
        Collector = new CertificateCollector(chain.ChainId, interval, () => _chain.Head.Height, Own, height => NodeSetAt(height).Members, ChangesNodeSet);
    }

    public CertificateCollector Collector { get; }

    /// <summary>The last height this node attested, or null.</summary>
    public long? LastSignedHeight => Interlocked.Read(ref _lastSigned) is var h and >= 0 ? h : null;

    /// <summary>The highest height this node holds a certificate for, or null.</summary>
    public long? LastCertifiedHeight => Interlocked.Read(ref _lastCertified) is var h and >= 0 ? h : null;

    /// <summary>How many peer attestations disagreed with this node's own since it started.</summary>
    public long Disagreements => Interlocked.Read(ref _disagreements);

    /// <summary>
    /// The node keys that certify <paramref name="height"/> (they change by governance): read from the
    /// node-set history in the head state, cached per head. Above the head, the keys in force at the head.
    /// </summary>
    public NodeSet NodeSetAt(long height)
    {
        var view = NodeSets();
        var history = view.History;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Height < height)
            {
                return history[i].NodeSet;
            }
        }

        return view.Genesis;
    }

    /// <summary>The node keys in force at the head: those that certify the next block.</summary>
    public NodeSet CurrentNodeSet() => NodeSetAt(long.MaxValue);

    /// <summary>The node-set changes up to the head, lowest height first.</summary>
    public IReadOnlyList<NodeSetRecord> NodeSetHistory() => NodeSets().History;

    private bool ChangesNodeSet(long height) => NodeSets().History.Any(r => r.Height == height);

    private NodeSetView NodeSets()
    {
        var head = _chain.Head.Height;
        var cached = Volatile.Read(ref _nodeSets);
        if (cached.Height == head)
        {
            return cached;
        }

        var view = new NodeSetView(head, new Permissions(_chain.Store, _chain.Genesis).NodeSetHistory(), new NodeSet(_chain.Genesis.Producers));
        Volatile.Write(ref _nodeSets, view);
        return view;
    }

    /// <summary>This node's attestation at an attested height it holds; null above its head.</summary>
    public CheckpointAttestation? Own(long height)
    {
        if (_own.TryGetValue(height, out var cached))
        {
            return cached;
        }

        if (height > _chain.Head.Height || _chain.Store.ReadBlock(height) is not { } block)
        {
            return null;
        }

        var attestation = CheckpointAttestation.Sign(CheckpointStatement.Of(_chain.ChainId, block.Header, NodeSetAt(height + 1)), _nodeKey);
        if (_own.Count >= 2 * CertificateCollector.Window)
        {
            foreach (var old in _own.Keys.Where(h => h < height - CertificateCollector.Window))
            {
                _own.TryRemove(old, out _);
            }
        }

        return _own.GetOrAdd(height, attestation);
    }

    /// <summary>
    /// Takes a peer's batch: all checked first, so a refused one leaves nothing taken. Answers this
    /// node's own attestations for the batch's heights that it holds, or why the batch was refused.
    /// </summary>
    public (string? Refusal, IReadOnlyList<CheckpointAttestation> Own) Receive(IReadOnlyList<CheckpointAttestation> attestations)
    {
        ArgumentNullException.ThrowIfNull(attestations);
        foreach (var attestation in attestations)
        {
            if (Collector.Check(attestation) is { } refusal)
            {
                return (refusal, []);
            }
        }

        foreach (var attestation in attestations)
        {
            Handle(Collector.AddChecked(attestation));
        }

        var own = attestations.Select(a => a.Statement.Height).Distinct().Select(Own).OfType<CheckpointAttestation>().ToList();
        return (null, own);
    }

    /// <summary>Attests each newly applied block, and sends attestations to every peer, until cancelled or this node stops committing.</summary>
    public async Task RunAsync(IReadOnlyList<(string Id, CarechainClient Client)> peers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var outboxes = peers.Select(p => new PeerOutbox(p.Id, p.Client, this, _time, _logger)).ToList();
        var sending = outboxes.Select(o => o.RunAsync(cancellationToken)).ToList();
        try
        {
            // A restarted node picks up from its last certificate, within the collector's window.
            var next = Math.Max((LastCertifiedHeight ?? 0) + 1, _chain.Head.Height - CertificateCollector.Window);
            while (!cancellationToken.IsCancellationRequested && !_ledger.Halted.IsCompleted)
            {
                var head = _chain.Head.Height;
                for (; next <= head && !_ledger.Halted.IsCompleted; next++)
                {
                    if (Collector.IsAttested(next) && Own(next) is { } own)
                    {
                        Interlocked.Exchange(ref _lastSigned, next);
                        Handle(Collector.Observe(next));
                        outboxes.ForEach(o => o.Enqueue(own));
                    }
                }

                await Task.Delay(HeadPoll, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            outboxes.ForEach(o => o.Complete());
            await Task.WhenAll(sending).ConfigureAwait(false);
        }
    }

    /// <summary>Acts on what the collector found: stores a certificate, reports a disagreement, stops on a divergence.</summary>
    internal void Handle(CollectionOutcome outcome)
    {
        if (outcome.Refusal is { } refusal)
        {
            LogRefused(_logger, refusal);
        }

        if (outcome.Disagreement is { } disagreement)
        {
            Interlocked.Increment(ref _disagreements);
            LogDisagreement(_logger, disagreement);
        }

        if (outcome.Divergence is { } divergence)
        {
            LogDiverged(_logger, divergence);
            _ledger.StopDiverged($"checkpoint certificates show another chain: {divergence}");
            return;
        }

        if (outcome.Certified is { } certificate)
        {
            _chain.Store.PutCertificate(certificate);
            var height = certificate.Statement.Height;
            long seen;
            while ((seen = Interlocked.Read(ref _lastCertified)) < height && Interlocked.CompareExchange(ref _lastCertified, height, seen) != seen)
            {
                // Another thread moved it meanwhile: look again.
            }

            LogCertified(_logger, height, certificate.Signatures.Count);
        }
    }

    private sealed record NodeSetView(long Height, IReadOnlyList<NodeSetRecord> History, NodeSet Genesis);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Debug, Message = "Certified height {Height} with {Signatures} node signatures")]
    private static partial void LogCertified(ILogger logger, long height, int signatures);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Error, Message = "CHECKPOINT DISAGREEMENT: {Detail}")]
    private static partial void LogDisagreement(ILogger logger, string detail);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Critical,
        Message = "DIVERGED: {Detail}. This node stops committing and reports itself unhealthy (diverged)")]
    private static partial void LogDiverged(ILogger logger, string detail);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Debug, Message = "Refused a peer attestation: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
