using System.Numerics;
using Carechain.Core.Hashing;

namespace Carechain.Core.Merkle;

/// <summary>
/// The verification algorithms of RFC 9162 sections 2.1.3.2 (inclusion) and 2.1.4.2 (consistency),
/// step for step. They never throw: a malformed proof (wrong path length, index outside the tree,
/// negative or decreasing sizes, missing path) simply fails verification.
/// </summary>
public static class MerkleProofVerifier
{
    /// <summary>True when <paramref name="proof"/> shows that <paramref name="leafHash"/> is leaf
    /// <see cref="InclusionProof.LeafIndex"/> of the tree of <see cref="InclusionProof.TreeSize"/> leaves whose root is <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(Hash256 leafHash, InclusionProof proof, Hash256 root)
    {
        if (proof?.Path is not { } path || proof.LeafIndex < 0 || proof.LeafIndex >= proof.TreeSize)
        {
            return false;
        }

        // Sizes are non-negative from here on, so unsigned shifts are exact.
        var fn = (ulong)proof.LeafIndex;
        var sn = (ulong)(proof.TreeSize - 1);
        var r = leafHash;
        for (var i = 0; i < path.Count; i++)
        {
            if (sn == 0)
            {
                return false;
            }

            var p = path[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                // A left child on the right edge has no sibling at the levels where it is alone: skip them.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r == root;
    }

    /// <summary>
    /// True when <paramref name="proof"/> shows that the tree of <see cref="ConsistencyProof.FromSize"/>
    /// leaves with root <paramref name="oldRoot"/> is a prefix of the tree of <see cref="ConsistencyProof.ToSize"/>
    /// leaves with root <paramref name="newRoot"/>. Equal sizes need an empty path and equal roots; from
    /// size 0 needs an empty path and <paramref name="oldRoot"/> equal to <see cref="MerkleHash.EmptyRoot"/>.
    /// </summary>
    public static bool VerifyConsistency(ConsistencyProof proof, Hash256 oldRoot, Hash256 newRoot)
    {
        if (proof?.Path is not { } path || proof.FromSize < 0 || proof.FromSize > proof.ToSize)
        {
            return false;
        }

        if (proof.FromSize == proof.ToSize)
        {
            return path.Count == 0 && oldRoot == newRoot;
        }

        if (proof.FromSize == 0)
        {
            return path.Count == 0 && oldRoot == MerkleHash.EmptyRoot;
        }

        // 1. An empty path cannot prove anything between different non-empty sizes.
        if (path.Count == 0)
        {
            return false;
        }

        // 2. When the old tree is a perfect subtree its root is the first node of the proof; the RFC
        //    prepends it to the path, which here means starting the fold from oldRoot instead of path[0].
        var first = (ulong)proof.FromSize;
        var next = BitOperations.IsPow2(first) ? 0 : 1;
        var seed = next == 0 ? oldRoot : path[0];

        // 3-4.
        var fn = first - 1;
        var sn = (ulong)(proof.ToSize - 1);
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // 5-6.
        var fr = seed;
        var sr = seed;
        for (var i = next; i < path.Count; i++)
        {
            if (sn == 0)
            {
                return false;
            }

            var c = path[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // 7.
        return fr == oldRoot && sr == newRoot && sn == 0;
    }
}
