using System.Numerics;
using Carechain.Core.Merkle;
using CsCheck;

namespace Carechain.Core.Tests.Merkle;

public class MerkleFrontierTests
{
    [Fact]
    public void Frontier_root_equals_reference_mth_after_every_append()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleNode>();
        Assert.Equal(Rfc9162Reference.Mth(TestLog.Entries, 0), frontier.Root);
        for (var i = 0; i < 600; i++)
        {
            frontier.Append(TestLog.LeafHash(i), completed);
            Assert.Equal(i + 1, frontier.Size);
            Assert.Equal(Rfc9162Reference.Mth(TestLog.Entries, i + 1), frontier.Root);
        }
    }

    [Fact]
    public void Append_reports_the_leaf_and_every_perfect_subtree_it_completes()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleNode>();
        for (long size = 0; size < 600; size++)
        {
            completed.Clear();
            frontier.Append(TestLog.LeafHash(size), completed);

            // The carry chain: one node per trailing one bit of the old size, plus the leaf itself.
            Assert.Equal(1 + BitOperations.TrailingZeroCount(~size), completed.Count);
            for (var i = 0; i < completed.Count; i++)
            {
                var node = completed[i];
                Assert.Equal(i, node.Level);
                var first = node.Index << node.Level;
                var end = first + (1L << node.Level);
                Assert.Equal(size + 1, end);
                Assert.Equal(Rfc9162Reference.Mth(TestLog.Entries, first, end), node.Hash);
            }
        }
    }

    [Fact]
    public void Restore_gives_the_same_root_as_appending() =>
        Gen.Int[0, TestLog.MaxSize].Sample(size =>
        {
            var reader = new CountingReader(TestLog.Store);
            var restored = MerkleFrontier.Restore(reader, size);
            Assert.Equal(size, restored.Size);
            Assert.Equal(TestLog.Root(size), restored.Root);
            Assert.Equal(BitOperations.PopCount((ulong)size), reader.Reads);
        });

    [Fact]
    public void Restored_frontier_continues_exactly_like_the_original() =>
        Gen.Int[0, 300].SelectMany(size => Gen.Int[size, 400].Select(target => (size, target))).Sample(t =>
        {
            var (size, target) = t;
            var store = TestLog.Build(size);
            var frontier = MerkleFrontier.Restore(store, size);
            var completed = new List<MerkleNode>();
            for (var i = size; i < target; i++)
            {
                completed.Clear();
                frontier.Append(TestLog.LeafHash(i), completed);

                // Adding to a store that already holds the older nodes must never conflict.
                completed.ForEach(store.Add);
            }

            Assert.Equal(TestLog.Root(target), frontier.Root);
            Assert.Equal(TestLog.Root(target), MerkleProofBuilder.RootAt(store, target));
        });

    [Fact]
    public void Clone_is_independent_of_the_original()
    {
        TestLog.Build(5, out var original);
        var copy = original.Clone();
        copy.Append(TestLog.LeafHash(5), new List<MerkleNode>());
        Assert.Equal(5, original.Size);
        Assert.Equal(TestLog.Root(5), original.Root);
        Assert.Equal(6, copy.Size);
        Assert.Equal(TestLog.Root(6), copy.Root);
    }

    [Fact]
    public void Restore_refuses_a_negative_size() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleFrontier.Restore(TestLog.Store, -1));
}
