using Carechain.Core.Hashing;

namespace Carechain.Core.Merkle;

/// <summary>
/// An RFC 9162 consistency proof that the tree of <see cref="FromSize"/> leaves is a prefix of the
/// tree of <see cref="ToSize"/> leaves. Nothing here is trusted:
/// <see cref="MerkleProofVerifier.VerifyConsistency"/> checks every field. Two proofs are equal when
/// their sizes and every path element are equal.
/// </summary>
public sealed record ConsistencyProof(long FromSize, long ToSize, IReadOnlyList<Hash256> Path)
{
    public bool Equals(ConsistencyProof? other) =>
        other is not null
        && FromSize == other.FromSize
        && ToSize == other.ToSize
        && PathComparison.Equal(Path, other.Path);

    public override int GetHashCode() => HashCode.Combine(FromSize, ToSize, PathComparison.Hash(Path));
}
