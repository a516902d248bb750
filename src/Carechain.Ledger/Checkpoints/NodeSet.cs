using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Ledger.Checkpoints;

/// <summary>
/// The node keys that certify checkpoints for a span of heights: distinct, sorted, at least one.
/// <see cref="Hash"/> names the set in a <see cref="CheckpointStatement"/>, so every member that signs
/// a statement also vouches for the set that certifies the heights after it.
/// </summary>
public sealed class NodeSet : IEquatable<NodeSet>
{
    /// <summary>Every node key governance can admit: 1,024 organisations of at most 16 node keys each.</summary>
    public const int MaxKeys = 1024 * Genesis.Organisation.MaxKeys;

    private readonly HashSet<Ed25519PublicKey> _members;

    public NodeSet(IEnumerable<Ed25519PublicKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _members = [.. keys];
        if (_members.Count is 0 or > MaxKeys)
        {
            throw new ArgumentException($"A node set holds 1 to {MaxKeys} keys.", nameof(keys));
        }

        Keys = [.. _members.OrderBy(k => k.ToString(), StringComparer.Ordinal)];
        var writer = new CanonicalWriter(8 + (Keys.Count * Ed25519PublicKey.Size)).VarUInt((ulong)Keys.Count);
        foreach (var key in Keys)
        {
            writer.Key(key);
        }

        Hash = DomainHash.Of(DomainTag.NodeSet, writer.ToArray());
    }

    /// <summary>The keys in byte order (their hex spelling sorts the same).</summary>
    public IReadOnlyList<Ed25519PublicKey> Keys { get; }

    public int Count => Keys.Count;

    /// <summary>The number of distinct keys of this set that must sign a certificate: a strict majority.</summary>
    public int Quorum => CheckpointCertificate.QuorumOf(Count);

    public Hash256 Hash { get; }

    /// <summary>The keys as a set, for membership checks.</summary>
    public IReadOnlySet<Ed25519PublicKey> Members => _members;

    public bool Contains(Ed25519PublicKey key) => _members.Contains(key);

    public static bool operator ==(NodeSet? left, NodeSet? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(NodeSet? left, NodeSet? right) => !(left == right);

    public bool Equals(NodeSet? other) => other is not null && Hash == other.Hash;

    public override bool Equals(object? obj) => Equals(obj as NodeSet);

    public override int GetHashCode() => Hash.GetHashCode();

    public override string ToString() => $"node set {Hash} ({Count} keys)";
}
