using Carechain.Core.Hashing;
using Carechain.Core.Merkle;

namespace Carechain.Core.Tests.Merkle;

public class InMemoryMerkleNodesTests
{
    [Fact]
    public void Stored_nodes_read_back_unchanged()
    {
        var store = TestLog.Build(8);
        Assert.Equal(8, store.LeafCount);
        Assert.Equal(TestLog.LeafHash(5), store.ReadNode(0, 5));
        Assert.Equal(TestLog.Root(8), store.ReadNode(3, 0));
    }

    [Fact]
    public void Re_adding_an_identical_node_is_a_no_op()
    {
        var store = TestLog.Build(4);
        var node = new MerkleNode(1, 1, Rfc9162Reference.Mth(TestLog.Entries, 2, 4));
        store.Add(node);
        store.Add(new MerkleNode(0, 3, TestLog.LeafHash(3)));
        Assert.Equal(4, store.LeafCount);
        Assert.Equal(node.Hash, store.ReadNode(1, 1));
    }

    [Fact]
    public void A_conflicting_node_is_refused()
    {
        var store = TestLog.Build(4);
        Assert.Throws<ArgumentException>(() => store.Add(new MerkleNode(0, 2, Hash256.Zero)));
        Assert.Equal(TestLog.LeafHash(2), store.ReadNode(0, 2));
    }

    [Fact]
    public void A_node_that_leaves_a_gap_is_refused()
    {
        var store = TestLog.Build(4);
        Assert.Throws<ArgumentException>(() => store.Add(new MerkleNode(0, 5, Hash256.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Add(new MerkleNode(-1, 0, Hash256.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Add(new MerkleNode(63, 0, Hash256.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Add(new MerkleNode(0, -1, Hash256.Zero)));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(2, 1)]
    [InlineData(3, 0)]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public void Reading_a_node_never_stored_is_refused(int level, long index)
    {
        var store = TestLog.Build(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ReadNode(level, index));
    }
}
