using Carechain.Core.Crypto;
using Carechain.Ledger.Checkpoints;

namespace Carechain.Consensus.Certificates;

/// <summary>
/// Gathers the member nodes' attestations, height by height, into checkpoint certificates. A
/// certificate forms only for the statement this node itself holds at that height, once a quorum of
/// the node keys that certify that height (this node included) signed it. A peer that signs another statement is a
/// disagreement; a quorum that signs another statement means this node is the one that diverged.
/// Heights are attested every <see cref="Interval"/> blocks, and so is every block that changes the
/// node keys (its certificate is how an offline verifier follows the change). Memory is bounded: only heights within
/// <see cref="Window"/> of the head are tallied. Thread-safe.
/// </summary>
public sealed class CertificateCollector
{
    public const int Window = 1024;

    private readonly Lock _lock = new();
    private readonly string _chainId;
    private readonly Func<long> _head;
    private readonly Func<long, CheckpointAttestation?> _own;
    private readonly Func<long, IReadOnlyCollection<Ed25519PublicKey>> _nodeKeys;
    private readonly Func<long, bool> _changesNodeSet;
    private readonly SortedDictionary<long, Dictionary<CheckpointStatement, Dictionary<Ed25519PublicKey, Ed25519Signature>>> _tallies = [];
    private readonly HashSet<(long Height, Ed25519PublicKey Signer)> _reported = [];
    private readonly HashSet<long> _certified = [];

    /// <param name="chainId">The chain whose statements are collected; others are refused.</param>
    /// <param name="interval">Heights that are multiples of this are attested.</param>
    /// <param name="head">This node's head height.</param>
    /// <param name="own">This node's attestation at a height it holds (null above its head).</param>
    /// <param name="nodeKeys">The node keys that certify a height (for a height above the head: the keys in force at the head).</param>
    /// <param name="changesNodeSet">Whether the block at a height this node holds changed the node keys.</param>
    public CertificateCollector(
        string chainId,
        int interval,
        Func<long> head,
        Func<long, CheckpointAttestation?> own,
        Func<long, IReadOnlyCollection<Ed25519PublicKey>> nodeKeys,
        Func<long, bool> changesNodeSet)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interval);
        _chainId = chainId;
        Interval = interval;
        _head = head;
        _own = own;
        _nodeKeys = nodeKeys;
        _changesNodeSet = changesNodeSet;
    }

    public int Interval { get; }

    /// <summary>True for the heights that are attested: every <see cref="Interval"/>-th, and each that changed the node keys.</summary>
    public bool IsAttested(long height) => height > 0 && (height % Interval == 0 || (height <= _head() && _changesNodeSet(height)));

    /// <summary>Takes a peer's attestation after checking it (see <see cref="Check"/>).</summary>
    public CollectionOutcome Add(CheckpointAttestation attestation) =>
        Check(attestation) is { } refusal ? CollectionOutcome.Refused(refusal) : AddChecked(attestation);

    /// <summary>
    /// Why a peer's attestation is refused, or null: it must be for this chain, at an attested height
    /// not far above the head, signed by a node key that certifies that height, with a valid signature.
    /// </summary>
    public string? Check(CheckpointAttestation attestation)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        var statement = attestation.Statement;
        return statement switch
        {
            _ when statement.ChainId != _chainId => $"the attestation is for chain '{statement.ChainId}', not '{_chainId}'",
            _ when !IsAttested(statement.Height) => $"height {statement.Height} is not attested here (every {Interval} blocks)",
            _ when statement.Height > _head() + Window => $"height {statement.Height} is too far above this node's head",
            _ when !_nodeKeys(statement.Height).Contains(attestation.Signer) => $"signer {attestation.Signer} is not a node key that certifies height {statement.Height}",
            _ when !attestation.HasValidSignature() => $"the signature of {attestation.Signer} does not verify over its statement",
            _ => null,
        };
    }

    /// <summary>Tallies an attestation that <see cref="Check"/> accepted.</summary>
    public CollectionOutcome AddChecked(CheckpointAttestation attestation)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        var statement = attestation.Statement;
        var nodeKeys = _nodeKeys(statement.Height);
        lock (_lock)
        {
            // A key that signs two statements at one height is tallied for both: each is reported
            // against this node's own, and a quorum behind another statement still means divergence.
            var height = Tally(statement.Height);
            Signers(height, statement)[attestation.Signer] = attestation.Signature;
            return Evaluate(statement.Height, nodeKeys);
        }
    }

    /// <summary>Counts this node's own attestation at <paramref name="height"/>, once it holds that block.</summary>
    public CollectionOutcome Observe(long height)
    {
        if (!IsAttested(height))
        {
            return CollectionOutcome.Nothing;
        }

        var nodeKeys = _nodeKeys(height);
        lock (_lock)
        {
            Prune(_head() - Window);
            return Evaluate(height, nodeKeys);
        }
    }

    /// <summary>Adds this node's own attestation to the height's tally, then looks for a quorum; the caller holds the lock.</summary>
    private CollectionOutcome Evaluate(long height, IReadOnlyCollection<Ed25519PublicKey> nodeKeys)
    {
        if (_own(height) is not { } own)
        {
            return CollectionOutcome.Nothing;
        }

        var tally = Tally(height);
        Signers(tally, own.Statement)[own.Signer] = own.Signature;
        var quorum = CheckpointCertificate.QuorumOf(nodeKeys.Count);
        string? disagreement = null;
        foreach (var (statement, signers) in tally)
        {
            if (statement == own.Statement)
            {
                continue;
            }

            var current = signers.Keys.Where(nodeKeys.Contains).ToList();
            if (current.Count >= quorum)
            {
                return new CollectionOutcome(
                    null, null, null,
                    $"a quorum of {current.Count} of {nodeKeys.Count} node keys certifies {statement}, but this node holds {own.Statement}");
            }

            foreach (var signer in current.Where(s => _reported.Add((height, s))))
            {
                disagreement = $"node key {signer} attests {statement}, but this node holds {own.Statement}";
            }
        }

        var agreeing = tally[own.Statement].Where(s => nodeKeys.Contains(s.Key)).ToList();
        if (agreeing.Count < quorum || !_certified.Add(height))
        {
            return new CollectionOutcome(null, null, disagreement, null);
        }

        var certificate = new CheckpointCertificate(
            own.Statement, [.. agreeing.OrderBy(s => s.Key.ToString(), StringComparer.Ordinal).Select(s => new CheckpointSignature(s.Key, s.Value))]);
        return new CollectionOutcome(null, certificate, disagreement, null);
    }

    private Dictionary<CheckpointStatement, Dictionary<Ed25519PublicKey, Ed25519Signature>> Tally(long height)
    {
        if (!_tallies.TryGetValue(height, out var tally))
        {
            tally = [];
            _tallies[height] = tally;
        }

        return tally;
    }

    private static Dictionary<Ed25519PublicKey, Ed25519Signature> Signers(
        Dictionary<CheckpointStatement, Dictionary<Ed25519PublicKey, Ed25519Signature>> tally, CheckpointStatement statement)
    {
        if (!tally.TryGetValue(statement, out var signers))
        {
            signers = [];
            tally[statement] = signers;
        }

        return signers;
    }

    private void Prune(long below)
    {
        while (_tallies.Count > 0 && _tallies.First().Key < below)
        {
            _tallies.Remove(_tallies.First().Key);
        }

        _certified.RemoveWhere(h => h < below);
        _reported.RemoveWhere(r => r.Height < below);
    }
}
