using Carechain.Core.Hashing;

namespace Carechain.Core.Merkle;

/// <summary>
/// An RFC 9162 inclusion proof (audit path) for the leaf at <see cref="LeafIndex"/> in the tree of
/// <see cref="TreeSize"/> leaves, ordered from the leaf's sibling up to the root. Nothing here is
/// trusted: <see cref="MerkleProofVerifier.VerifyInclusion"/> checks every field. Two proofs are
/// equal when their sizes and every path element are equal.
/// </summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<Hash256> Path)
{
    public bool Equals(InclusionProof? other) =>
        other is not null
        && LeafIndex == other.LeafIndex
        && TreeSize == other.TreeSize
        && PathComparison.Equal(Path, other.Path);

    public override int GetHashCode() => HashCode.Combine(LeafIndex, TreeSize, PathComparison.Hash(Path));
}
