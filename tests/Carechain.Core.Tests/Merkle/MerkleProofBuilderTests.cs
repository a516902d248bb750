using System.Numerics;
using Carechain.Core.Merkle;
using CsCheck;

namespace Carechain.Core.Tests.Merkle;

public class MerkleProofBuilderTests
{
    // Sizes 1..600 with a leaf index inside the tree.
    private static readonly Gen<(int Size, int Index)> SizeAndIndex =
        Gen.Int[1, 600].SelectMany(n => Gen.Int[0, n - 1].Select(m => (n, m)));

    // Sizes 0 <= from <= to <= 600.
    private static readonly Gen<(int From, int To)> FromAndTo =
        Gen.Int[0, 600].SelectMany(n => Gen.Int[0, n].Select(m => (m, n)));

    [Fact]
    public void Inclusion_proof_equals_the_rfc_path() =>
        SizeAndIndex.Sample(t =>
        {
            var proof = MerkleProofBuilder.Inclusion(TestLog.Store, t.Index, t.Size);
            Assert.Equal(t.Index, proof.LeafIndex);
            Assert.Equal(t.Size, proof.TreeSize);
            Assert.Equal(Rfc9162Reference.Path(TestLog.Entries, t.Index, t.Size), proof.Path);
        }, iter: 300);

    [Fact]
    public void Consistency_proof_equals_the_rfc_proof() =>
        FromAndTo.Sample(t =>
        {
            var proof = MerkleProofBuilder.Consistency(TestLog.Store, t.From, t.To);
            Assert.Equal(t.From, proof.FromSize);
            Assert.Equal(t.To, proof.ToSize);

            // The RFC defines PROOF only for 0 < m; from the empty tree there is nothing to prove.
            var expected = t.From == 0 ? [] : Rfc9162Reference.Proof(TestLog.Entries, t.From, t.To);
            Assert.Equal(expected, proof.Path);
        }, iter: 300);

    [Fact]
    public void Every_built_proof_verifies_against_the_reference_roots()
    {
        SizeAndIndex.Sample(t =>
        {
            var proof = MerkleProofBuilder.Inclusion(TestLog.Store, t.Index, t.Size);
            Assert.True(MerkleProofVerifier.VerifyInclusion(TestLog.LeafHash(t.Index), proof, TestLog.Root(t.Size)));
        });
        FromAndTo.Sample(t =>
        {
            var proof = MerkleProofBuilder.Consistency(TestLog.Store, t.From, t.To);
            Assert.True(MerkleProofVerifier.VerifyConsistency(proof, TestLog.Root(t.From), TestLog.Root(t.To)));
        });
    }

    [Fact]
    public void Every_inclusion_proof_of_small_trees_verifies()
    {
        // Exhaustive where it is cheap: all indexes of all sizes up to 64.
        for (var n = 1; n <= 64; n++)
        {
            var root = TestLog.Root(n);
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleProofBuilder.Inclusion(TestLog.Store, m, n);
                Assert.Equal(Rfc9162Reference.Path(TestLog.Entries, m, n), proof.Path);
                Assert.True(MerkleProofVerifier.VerifyInclusion(TestLog.LeafHash(m), proof, root));
            }

            for (var m = 0; m <= n; m++)
            {
                var proof = MerkleProofBuilder.Consistency(TestLog.Store, m, n);
                Assert.True(MerkleProofVerifier.VerifyConsistency(proof, TestLog.Root(m), root));
            }
        }
    }

    [Fact]
    public void RootAt_equals_reference_mth_and_the_frontier_root() =>
        Gen.Int[0, 600].Sample(size =>
        {
            var store = TestLog.Build(size, out var frontier);
            var expected = TestLog.Root(size);
            Assert.Equal(expected, frontier.Root);
            Assert.Equal(expected, MerkleProofBuilder.RootAt(store, size));

            // A historical size answered from a larger log gives the same root.
            Assert.Equal(expected, MerkleProofBuilder.RootAt(TestLog.Store, size));
        });

    [Fact]
    public void Proofs_read_a_logarithmic_number_of_nodes() =>
        SizeAndIndex.Sample(t =>
        {
            var bound = (2 * BitOperations.Log2((uint)t.Size)) + 2;
            var reader = new CountingReader(TestLog.Store);
            MerkleProofBuilder.Inclusion(reader, t.Index, t.Size);
            Assert.InRange(reader.Reads, 0, bound);

            reader = new CountingReader(TestLog.Store);
            MerkleProofBuilder.Consistency(reader, t.Index + 1, t.Size);
            Assert.InRange(reader.Reads, 0, bound);

            reader = new CountingReader(TestLog.Store);
            MerkleProofBuilder.RootAt(reader, t.Size);
            Assert.Equal(BitOperations.PopCount((uint)t.Size), reader.Reads);
        });

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(0, 0)]
    [InlineData(0, -1)]
    public void Inclusion_outside_the_tree_is_refused(long leafIndex, long treeSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofBuilder.Inclusion(TestLog.Store, leafIndex, treeSize));

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(6, 5)]
    [InlineData(0, -1)]
    public void Consistency_between_impossible_sizes_is_refused(long fromSize, long toSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofBuilder.Consistency(TestLog.Store, fromSize, toSize));

    [Fact]
    public void Sizes_beyond_the_stored_log_are_refused()
    {
        var store = TestLog.Build(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofBuilder.RootAt(store, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofBuilder.RootAt(store, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofBuilder.Inclusion(store, 3, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofBuilder.Consistency(store, 3, 12));
    }

    [Fact]
    public void Proofs_compare_by_value()
    {
        var a = MerkleProofBuilder.Inclusion(TestLog.Store, 3, 10);
        var b = MerkleProofBuilder.Inclusion(TestLog.Store, 3, 10);
        Assert.NotSame(a.Path, b.Path);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, MerkleProofBuilder.Inclusion(TestLog.Store, 4, 10));
        Assert.Equal(MerkleProofBuilder.Consistency(TestLog.Store, 3, 10), MerkleProofBuilder.Consistency(TestLog.Store, 3, 10));
    }
}
