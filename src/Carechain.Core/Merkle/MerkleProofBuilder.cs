using System.Diagnostics;
using System.Numerics;
using Carechain.Core.Hashing;

namespace Carechain.Core.Merkle;

/// <summary>
/// Builds RFC 9162 inclusion and consistency proofs, and historical roots, from stored perfect-subtree
/// nodes alone. Each call reads O(log n) nodes and hashes O(log n) times; the proofs are identical to
/// the RFC's recursive PATH and PROOF definitions. Sizes and indexes outside the tree throw
/// <see cref="ArgumentOutOfRangeException"/>: callers validate requests first.
/// </summary>
public static class MerkleProofBuilder
{
    // Enough for any long-sized tree: at most 63 levels, plus the consistency proof's leading MTH(D_m).
    private const int MaxPath = 64;

    /// <summary>PATH(leafIndex, D[0:treeSize]) as an <see cref="InclusionProof"/>.</summary>
    public static InclusionProof Inclusion(IMerkleNodeReader reader, long leafIndex, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);

        // Walk from the root towards the leaf, collecting the sibling at each split; the RFC lists
        // them leaf-first, so the result is reversed at the end.
        Span<Hash256> siblings = stackalloc Hash256[MaxPath];
        var count = 0;
        long start = 0, width = treeSize, m = leafIndex;
        while (width > 1)
        {
            var k = LargestPowerOfTwoBelow(width);
            if (m < k)
            {
                siblings[count++] = SubtreeHash(reader, start + k, width - k);
                width = k;
            }
            else
            {
                siblings[count++] = PerfectSubtree(reader, start, k);
                start += k;
                width -= k;
                m -= k;
            }
        }

        return new InclusionProof(leafIndex, treeSize, Reversed(siblings[..count]));
    }

    /// <summary>
    /// PROOF(fromSize, D[0:toSize]) as a <see cref="ConsistencyProof"/>. The path is empty when
    /// <paramref name="fromSize"/> is 0 (every tree extends the empty one) or equals <paramref name="toSize"/>.
    /// </summary>
    public static ConsistencyProof Consistency(IMerkleNodeReader reader, long fromSize, long toSize)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(fromSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromSize, toSize);
        if (fromSize == 0 || fromSize == toSize)
        {
            return new ConsistencyProof(fromSize, toSize, []);
        }

        // SUBPROOF(m, D[start:start+width], wholeOldTree), unrolled. The flag stays true while the
        // old tree is still the whole left part of the current subtree; its root is then known to
        // the verifier and need not be sent.
        Span<Hash256> siblings = stackalloc Hash256[MaxPath];
        var count = 0;
        long start = 0, width = toSize, m = fromSize;
        var wholeOldTree = true;
        while (m != width)
        {
            var k = LargestPowerOfTwoBelow(width);
            if (m <= k)
            {
                siblings[count++] = SubtreeHash(reader, start + k, width - k);
                width = k;
            }
            else
            {
                siblings[count++] = PerfectSubtree(reader, start, k);
                start += k;
                width -= k;
                m -= k;
                wholeOldTree = false;
            }
        }

        if (!wholeOldTree)
        {
            siblings[count++] = SubtreeHash(reader, start, width);
        }

        return new ConsistencyProof(fromSize, toSize, Reversed(siblings[..count]));
    }

    /// <summary>MTH(D[0:treeSize]): the root the log had when it held <paramref name="treeSize"/> leaves.</summary>
    public static Hash256 RootAt(IMerkleNodeReader reader, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return treeSize == 0 ? MerkleHash.EmptyRoot : SubtreeHash(reader, 0, treeSize);
    }

    /// <summary>
    /// MTH(D[start:start+width]) for a subtree the RFC recursion can reach: <paramref name="start"/> is a
    /// multiple of the smallest power of two not below <paramref name="width"/>. Such a range is tiled by
    /// one stored perfect subtree per set bit of the width, largest first, and its MTH is those tiles
    /// folded from the right, H(T1, H(T2, ... Tn)), because MTH always splits off the largest power of two.
    /// </summary>
    private static Hash256 SubtreeHash(IMerkleNodeReader reader, long start, long width)
    {
        Debug.Assert(width > 0 && start % (long)BitOperations.RoundUpToPowerOf2((ulong)width) == 0, "Only subtrees of the RFC recursion are composed.");
        var end = start + width;
        var remaining = width;
        Hash256? folded = null;
        while (remaining != 0)
        {
            var tile = remaining & -remaining;
            end -= tile;
            var hash = PerfectSubtree(reader, end, tile);
            folded = folded is { } right ? MerkleHash.Node(hash, right) : hash;
            remaining -= tile;
        }

        return folded!.Value;
    }

    private static Hash256 PerfectSubtree(IMerkleNodeReader reader, long start, long width)
    {
        var level = BitOperations.Log2((ulong)width);
        return reader.ReadNode(level, start >> level);
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n at least 2): the RFC's k.</summary>
    private static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));

    private static Hash256[] Reversed(ReadOnlySpan<Hash256> rootFirst)
    {
        var path = new Hash256[rootFirst.Length];
        for (var i = 0; i < path.Length; i++)
        {
            path[i] = rootFirst[rootFirst.Length - 1 - i];
        }

        return path;
    }
}
