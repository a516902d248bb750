using Carechain.Core.Hashing;

namespace Carechain.Core.Merkle;

/// <summary>
/// The right edge of an append-only RFC 9162 log: one perfect-subtree root per set bit of
/// <see cref="Size"/>, so O(log n) hashes summarise any number of leaves. <see cref="Root"/> is always
/// the RFC 9162 Merkle Tree Hash of every leaf appended so far. Not thread-safe; use
/// <see cref="Clone"/> to hand a snapshot to another thread.
/// </summary>
public sealed class MerkleFrontier
{
    // A long size has at most 63 set bits (bits 0..62), so 63 levels cover every possible log.
    private const int MaxLevels = 63;

    // _peaks[level] is meaningful only while bit `level` of Size is set: it is then the root of the
    // perfect subtree of 2^level leaves that sits at that position on the right edge.
    private readonly Hash256[] _peaks;
    private Hash256? _root;

    public MerkleFrontier()
        : this(new Hash256[MaxLevels], 0)
    {
    }

    private MerkleFrontier(Hash256[] peaks, long size)
    {
        _peaks = peaks;
        Size = size;
    }

    /// <summary>Number of leaves appended.</summary>
    public long Size { get; private set; }

    /// <summary>MTH of all leaves so far; <see cref="MerkleHash.EmptyRoot"/> when there are none.</summary>
    public Hash256 Root => _root ??= ComputeRoot();

    /// <summary>
    /// Rebuilds the frontier of a log of <paramref name="size"/> leaves from its stored nodes,
    /// reading exactly one node per set bit of the size.
    /// </summary>
    public static MerkleFrontier Restore(IMerkleNodeReader reader, long size)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(size);

        var peaks = new Hash256[MaxLevels];
        for (var level = 0; level < MaxLevels; level++)
        {
            if (((size >> level) & 1) != 0)
            {
                // The peak at this level covers the 2^level leaves just before the lower peaks,
                // i.e. it is the last complete subtree of its width: index (size >> level) - 1.
                peaks[level] = reader.ReadNode(level, (size >> level) - 1);
            }
        }

        return new MerkleFrontier(peaks, size);
    }

    /// <summary>
    /// Appends a leaf hash (see <see cref="MerkleHash.Leaf"/>) and adds to <paramref name="completed"/>
    /// every perfect-subtree node this append completes, lowest level first: the leaf itself, then
    /// each parent whose right child just became complete. Persisting them is enough to answer any
    /// later proof.
    /// </summary>
    public void Append(Hash256 leafHash, ICollection<MerkleNode> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (Size == long.MaxValue)
        {
            throw new InvalidOperationException("The log is full.");
        }

        var hash = leafHash;
        var index = Size;
        var level = 0;
        completed.Add(new MerkleNode(0, index, hash));

        // Each trailing one bit of the old size is a peak that now has a complete right sibling:
        // merge them like a binary carry.
        while (((Size >> level) & 1) != 0)
        {
            hash = MerkleHash.Node(_peaks[level], hash);
            level++;
            index >>= 1;
            completed.Add(new MerkleNode(level, index, hash));
        }

        _peaks[level] = hash;
        Size++;
        _root = null;
    }

    /// <summary>An independent copy: appending to one does not affect the other.</summary>
    public MerkleFrontier Clone() => new((Hash256[])_peaks.Clone(), Size) { _root = _root };

    private Hash256 ComputeRoot()
    {
        if (Size == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        // MTH splits off the largest power of two on the left, so the root is the peaks folded
        // from the smallest (rightmost) up: H(P_high, H(..., H(P_mid, P_low))).
        Hash256? root = null;
        for (var level = 0; level < MaxLevels; level++)
        {
            if (((Size >> level) & 1) != 0)
            {
                root = root is { } right ? MerkleHash.Node(_peaks[level], right) : _peaks[level];
            }
        }

        return root!.Value;
    }
}
