using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using CsCheck;

namespace Carechain.Core.Tests.Merkle;

public class ConsistencyVerificationTests
{
    // 0 < from < to: the proofs that carry a non-empty path.
    private static readonly Gen<(int From, int To)> FromAndTo =
        Gen.Int[2, 600].SelectMany(n => Gen.Int[1, n - 1].Select(m => (m, n)));

    [Fact]
    public void Tampered_consistency_path_fails_verification() =>
        FromAndTo.SelectMany(t => Gen.Int[0, 255].Select(bit => (t.From, t.To, bit))).Sample(t =>
        {
            var proof = Build(t.From, t.To);
            for (var i = 0; i < proof.Path.Count; i++)
            {
                var path = proof.Path.ToArray();
                path[i] = TestLog.FlipBit(path[i], t.bit);
                Assert.False(Verify(proof with { Path = path }));
            }
        });

    [Fact]
    public void Swapped_roots_fail_consistency_verification() =>
        FromAndTo.Sample(t =>
        {
            var proof = Build(t.From, t.To);
            Assert.False(MerkleProofVerifier.VerifyConsistency(proof, TestLog.Root(t.To), TestLog.Root(t.From)));
        });

    [Fact]
    public void Wrong_old_or_new_root_fails_consistency_verification() =>
        FromAndTo.Sample(t =>
        {
            var proof = Build(t.From, t.To);
            Assert.False(MerkleProofVerifier.VerifyConsistency(proof, TestLog.Root(t.From - 1), TestLog.Root(t.To)));
            Assert.False(MerkleProofVerifier.VerifyConsistency(proof, TestLog.Root(t.From), TestLog.Root(t.To + 1)));
        });

    [Fact]
    public void Consistency_proof_claiming_another_old_size_fails_against_that_trees_root() =>
        FromAndTo.SelectMany(t => Gen.Int[0, t.To].Where(other => other != t.From).Select(other => (t.From, t.To, other))).Sample(t =>
        {
            var proof = Build(t.From, t.To) with { FromSize = t.other };
            Assert.False(Verify(proof));
        });

    [Fact]
    public void Consistency_proof_claiming_another_new_size_fails_against_that_trees_root() =>
        FromAndTo.SelectMany(t => Gen.Int[t.From, TestLog.MaxSize].Where(other => other != t.To).Select(other => (t.From, t.To, other))).Sample(t =>
        {
            var proof = Build(t.From, t.To) with { ToSize = t.other };
            Assert.False(Verify(proof));
        });

    [Fact]
    public void Consistency_path_with_an_extra_or_missing_element_fails_verification() =>
        FromAndTo.SelectMany(t => Gen.Int[0, 64].Select(position => (t.From, t.To, position))).Sample(t =>
        {
            var proof = Build(t.From, t.To);
            var count = proof.Path.Count;
            var extra = proof.Path.ToList();
            extra.Insert(t.position % (count + 1), Hash256.Sha256("extra"u8));
            Assert.False(Verify(proof with { Path = extra }));

            var missing = proof.Path.ToList();
            missing.RemoveAt(t.position % count);
            Assert.False(Verify(proof with { Path = missing }));

            Assert.False(Verify(proof with { Path = [.. proof.Path, proof.Path[^1]] }));
        });

    [Fact]
    public void Truncated_consistency_path_fails_even_against_the_intermediate_root() =>
        FromAndTo.Where(t => t.From < InclusionVerificationTests.LargestPowerOfTwoBelow(t.To)).Sample(t =>
        {
            // For m < k the proof is PROOF(m, D[0:k]) followed by MTH(D[k:n]): without that last element
            // it is a genuine proof up to size k, and must not pass as one up to size n.
            var proof = Build(t.From, t.To);
            var k = InclusionVerificationTests.LargestPowerOfTwoBelow(t.To);
            var truncated = proof with { Path = proof.Path.Take(proof.Path.Count - 1).ToArray() };
            Assert.True(MerkleProofVerifier.VerifyConsistency(truncated with { ToSize = k }, TestLog.Root(t.From), TestLog.Root(k)));
            Assert.False(MerkleProofVerifier.VerifyConsistency(truncated, TestLog.Root(t.From), TestLog.Root(k)));
        });

    [Fact]
    public void Equal_sizes_need_an_empty_path_and_equal_roots()
    {
        var root = TestLog.Root(7);
        Assert.True(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(7, 7, []), root, root));
        Assert.False(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(7, 7, [root]), root, root));
        Assert.False(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(7, 7, []), root, TestLog.Root(6)));
        Assert.True(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(0, 0, []), MerkleHash.EmptyRoot, MerkleHash.EmptyRoot));
    }

    [Fact]
    public void Every_tree_extends_the_empty_tree_with_an_empty_path()
    {
        var root = TestLog.Root(9);
        Assert.True(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(0, 9, []), MerkleHash.EmptyRoot, root));
        Assert.False(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(0, 9, [root]), MerkleHash.EmptyRoot, root));
        Assert.False(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(0, 9, []), TestLog.Root(1), root));
    }

    [Fact]
    public void Different_non_empty_sizes_need_a_non_empty_path()
    {
        // Also when the old tree is a power of two, where the RFC would prepend the old root.
        Assert.False(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(4, 8, []), TestLog.Root(4), TestLog.Root(8)));
        Assert.False(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(3, 8, []), TestLog.Root(3), TestLog.Root(8)));
    }

    [Theory]
    [InlineData(6, 5)]
    [InlineData(-1, 5)]
    [InlineData(-2, -1)]
    [InlineData(long.MaxValue, long.MinValue)]
    [InlineData(1, long.MaxValue)]
    [InlineData(long.MaxValue - 1, long.MaxValue)]
    public void Consistency_between_impossible_sizes_fails(long fromSize, long toSize)
    {
        var proof = new ConsistencyProof(fromSize, toSize, [Hash256.Zero, Hash256.Zero]);
        Assert.False(MerkleProofVerifier.VerifyConsistency(proof, Hash256.Zero, Hash256.Zero));
    }

    [Fact]
    public void Malformed_consistency_proofs_fail_without_throwing()
    {
        Assert.False(MerkleProofVerifier.VerifyConsistency(null!, Hash256.Zero, Hash256.Zero));
        Assert.False(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(1, 2, null!), Hash256.Zero, Hash256.Zero));

        var anyLong = Gen.OneOf(Gen.Long, Gen.Long[-2, 1000], Gen.Const(long.MaxValue), Gen.Const(long.MinValue));
        var anyHash = Gen.ULong.Array[4].Select(p => new Hash256(p[0], p[1], p[2], p[3]));
        Gen.Select(anyLong, anyLong, anyHash.Array[0, 70], anyHash).Sample(t =>
        {
            var (from, to, path, root) = t;
            Assert.False(MerkleProofVerifier.VerifyConsistency(new ConsistencyProof(from, to, path), root, MerkleHash.Node(root, root)));
        });
    }

    private static ConsistencyProof Build(int from, int to) => MerkleProofBuilder.Consistency(TestLog.Store, from, to);

    // The genuine roots of the claimed sizes: only the proof itself is tampered with.
    private static bool Verify(ConsistencyProof proof) =>
        MerkleProofVerifier.VerifyConsistency(proof, TestLog.Root(proof.FromSize), TestLog.Root(proof.ToSize));
}
