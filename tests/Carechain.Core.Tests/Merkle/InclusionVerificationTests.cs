using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using CsCheck;

namespace Carechain.Core.Tests.Merkle;

public class InclusionVerificationTests
{
    // Sizes from 2, so every proof has at least one path element to tamper with.
    private static readonly Gen<(int Size, int Index)> SizeAndIndex =
        Gen.Int[2, 600].SelectMany(n => Gen.Int[0, n - 1].Select(m => (n, m)));

    [Fact]
    public void Tampered_inclusion_path_fails_verification() =>
        SizeAndIndex.SelectMany(t => Gen.Int[0, 255].Select(bit => (t.Size, t.Index, bit))).Sample(t =>
        {
            var proof = Build(t.Index, t.Size);
            for (var i = 0; i < proof.Path.Count; i++)
            {
                var path = proof.Path.ToArray();
                path[i] = TestLog.FlipBit(path[i], t.bit);
                Assert.False(Verify(t.Index, proof with { Path = path }));
            }
        });

    [Fact]
    public void Inclusion_proof_for_another_index_fails_verification() =>
        SizeAndIndex.SelectMany(t => Gen.Int[0, t.Size - 1].Where(other => other != t.Index).Select(other => (t.Size, t.Index, other))).Sample(t =>
        {
            var proof = Build(t.Index, t.Size);
            Assert.False(Verify(t.Index, proof with { LeafIndex = t.other }));

            // The other leaf with this leaf's proof fails too.
            Assert.False(MerkleProofVerifier.VerifyInclusion(TestLog.LeafHash(t.other), proof, TestLog.Root(t.Size)));
        });

    [Fact]
    public void Inclusion_proof_claiming_another_tree_size_fails_against_that_trees_root() =>
        SizeAndIndex.SelectMany(t => Gen.Int[t.Index + 1, TestLog.MaxSize].Where(other => other != t.Size).Select(other => (t.Size, t.Index, other))).Sample(t =>
        {
            var proof = Build(t.Index, t.Size) with { TreeSize = t.other };
            Assert.False(MerkleProofVerifier.VerifyInclusion(TestLog.LeafHash(t.Index), proof, TestLog.Root(t.other)));
        });

    [Fact]
    public void Inclusion_path_with_an_extra_or_missing_element_fails_verification() =>
        SizeAndIndex.SelectMany(t => Gen.Int[0, 64].Select(position => (t.Size, t.Index, position))).Sample(t =>
        {
            var proof = Build(t.Index, t.Size);
            var count = proof.Path.Count;
            var extra = proof.Path.ToList();
            extra.Insert(t.position % (count + 1), Hash256.Sha256("extra"u8));
            Assert.False(Verify(t.Index, proof with { Path = extra }));

            var missing = proof.Path.ToList();
            missing.RemoveAt(t.position % count);
            Assert.False(Verify(t.Index, proof with { Path = missing }));

            Assert.False(Verify(t.Index, proof with { Path = [.. proof.Path, proof.Path[^1]] }));
        });

    [Fact]
    public void Truncated_inclusion_path_fails_even_against_the_subtree_root_it_reaches() =>
        SizeAndIndex.Sample(t =>
        {
            // Without its last element the path climbs only to the root's child holding the leaf;
            // presenting that child as the root must fail because the path is too short for the size.
            var proof = Build(t.Index, t.Size);
            var k = LargestPowerOfTwoBelow(t.Size);
            var child = t.Index < k ? TestLog.Root(k) : Rfc9162Reference.Mth(TestLog.Entries, k, t.Size);
            var truncated = proof with { Path = proof.Path.Take(proof.Path.Count - 1).ToArray() };
            Assert.False(MerkleProofVerifier.VerifyInclusion(TestLog.LeafHash(t.Index), truncated, child));
        });

    [Fact]
    public void Inclusion_of_another_leaf_or_under_another_root_fails() =>
        SizeAndIndex.Sample(t =>
        {
            var proof = Build(t.Index, t.Size);
            Assert.False(MerkleProofVerifier.VerifyInclusion(MerkleHash.Leaf("forged"u8), proof, TestLog.Root(t.Size)));
            Assert.False(MerkleProofVerifier.VerifyInclusion(TestLog.LeafHash(t.Index), proof, TestLog.Root(t.Size - 1)));
        });

    [Theory]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(-1, 5)]
    [InlineData(0, 0)]
    [InlineData(0, -3)]
    [InlineData(long.MinValue, long.MaxValue)]
    [InlineData(long.MaxValue, long.MaxValue)]
    public void Inclusion_with_index_outside_the_tree_fails(long leafIndex, long treeSize)
    {
        var proof = new InclusionProof(leafIndex, treeSize, [Hash256.Zero, Hash256.Zero, Hash256.Zero]);
        Assert.False(MerkleProofVerifier.VerifyInclusion(Hash256.Zero, proof, Hash256.Zero));
    }

    [Fact]
    public void Single_leaf_tree_needs_an_empty_path()
    {
        var leaf = TestLog.LeafHash(0);
        Assert.True(MerkleProofVerifier.VerifyInclusion(leaf, new InclusionProof(0, 1, []), leaf));
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf, new InclusionProof(0, 1, [leaf]), MerkleHash.Node(leaf, leaf)));
    }

    [Fact]
    public void Malformed_inclusion_proofs_fail_without_throwing()
    {
        Assert.False(MerkleProofVerifier.VerifyInclusion(Hash256.Zero, null!, Hash256.Zero));
        Assert.False(MerkleProofVerifier.VerifyInclusion(Hash256.Zero, new InclusionProof(0, 2, null!), Hash256.Zero));

        var anyLong = Gen.OneOf(Gen.Long, Gen.Long[-2, 1000], Gen.Const(long.MaxValue), Gen.Const(long.MinValue));
        var anyHash = Gen.ULong.Array[4].Select(p => new Hash256(p[0], p[1], p[2], p[3]));
        Gen.Select(anyLong, anyLong, anyHash.Array[0, 70], anyHash).Sample(t =>
        {
            var (index, size, path, root) = t;
            Assert.False(MerkleProofVerifier.VerifyInclusion(Hash256.Zero, new InclusionProof(index, size, path), root));
        });
    }

    private static InclusionProof Build(int index, int size) => MerkleProofBuilder.Inclusion(TestLog.Store, index, size);

    internal static int LargestPowerOfTwoBelow(int n) => 1 << System.Numerics.BitOperations.Log2((uint)(n - 1));

    // The genuine leaf and the genuine root of the claimed size: only the proof itself is tampered with.
    private static bool Verify(int leafIndex, InclusionProof proof) =>
        MerkleProofVerifier.VerifyInclusion(TestLog.LeafHash(leafIndex), proof, TestLog.Root(proof.TreeSize));
}
