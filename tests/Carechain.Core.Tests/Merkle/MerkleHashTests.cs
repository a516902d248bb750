using System.Security.Cryptography;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;

namespace Carechain.Core.Tests.Merkle;

/// <summary>Known answers from RFC 6962/9162 and the certificate-transparency reference test vectors.</summary>
public class MerkleHashTests
{
    // The classic CT corpus: leaves and the MTH of the first n of them.
    internal static readonly byte[][] CtLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    internal static readonly string[] CtRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void Empty_tree_root_is_sha256_of_the_empty_string()
    {
        Assert.Equal(Hash256.Parse(CtRoots[0]), MerkleHash.EmptyRoot);
        Assert.Equal(MerkleHash.EmptyRoot, new MerkleFrontier().Root);
        Assert.Equal(MerkleHash.EmptyRoot, MerkleProofBuilder.RootAt(new InMemoryMerkleNodes(), 0));
    }

    [Fact]
    public void One_leaf_tree_root_is_the_leaf_hash_of_its_entry()
    {
        var store = CtStore(1, out var frontier);
        var expected = Hash256.Parse("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        Assert.Equal(expected, MerkleHash.Leaf([]));
        Assert.Equal(expected, frontier.Root);
        Assert.Equal(expected, MerkleProofBuilder.RootAt(store, 1));
        Assert.Empty(MerkleProofBuilder.Inclusion(store, 0, 1).Path);
    }

    [Fact]
    public void Roots_of_the_ct_test_vectors_match_for_every_size()
    {
        var store = CtStore(CtLeaves.Length, out _);
        for (var size = 0; size <= CtLeaves.Length; size++)
        {
            Assert.Equal(Hash256.Parse(CtRoots[size]), MerkleProofBuilder.RootAt(store, size));
            Assert.Equal(Hash256.Parse(CtRoots[size]), Rfc9162Reference.Mth(CtLeaves, size));
        }
    }

    [Theory]
    [InlineData(0, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(5, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    public void Inclusion_proofs_of_the_ct_test_vectors_match(int leafIndex, params string[] path)
    {
        var store = CtStore(8, out _);
        var proof = MerkleProofBuilder.Inclusion(store, leafIndex, 8);
        Assert.Equal(path.Select(Hash256.Parse), proof.Path);
        Assert.True(MerkleProofVerifier.VerifyInclusion(MerkleHash.Leaf(CtLeaves[leafIndex]), proof, Hash256.Parse(CtRoots[8])));
    }

    [Theory]
    [InlineData(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    public void Consistency_proofs_of_the_ct_test_vectors_match(int fromSize, int toSize, params string[] path)
    {
        var store = CtStore(8, out _);
        var proof = MerkleProofBuilder.Consistency(store, fromSize, toSize);
        Assert.Equal(path.Select(Hash256.Parse), proof.Path);
        Assert.True(MerkleProofVerifier.VerifyConsistency(proof, Hash256.Parse(CtRoots[fromSize]), Hash256.Parse(CtRoots[toSize])));
    }

    [Fact]
    public void Leaf_hash_is_sha256_of_zero_byte_and_entry_at_any_length()
    {
        foreach (var length in new[] { 0, 1, 32, 1023, 1024, 1025, 70_000 })
        {
            var entry = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
            Assert.Equal(Hash256.Read(SHA256.HashData([0x00, .. entry])), MerkleHash.Leaf(entry));
        }
    }

    [Fact]
    public void Node_hash_is_sha256_of_one_byte_and_both_children()
    {
        var left = Hash256.Sha256("left"u8);
        var right = Hash256.Sha256("right"u8);
        Assert.Equal(Hash256.Read(SHA256.HashData([0x01, .. left.ToArray(), .. right.ToArray()])), MerkleHash.Node(left, right));
        Assert.NotEqual(MerkleHash.Node(left, right), MerkleHash.Node(right, left));
    }

    [Fact]
    public void A_node_is_never_the_leaf_hash_of_its_own_preimage()
    {
        // Domain separation: the 64 bytes left || right hashed as a leaf differ from the node.
        var left = Hash256.Sha256("a"u8);
        var right = Hash256.Sha256("b"u8);
        Assert.NotEqual(MerkleHash.Node(left, right), MerkleHash.Leaf([.. left.ToArray(), .. right.ToArray()]));
    }

    private static InMemoryMerkleNodes CtStore(int size, out MerkleFrontier frontier)
    {
        var store = new InMemoryMerkleNodes();
        var completed = new List<MerkleNode>();
        frontier = new MerkleFrontier();
        foreach (var leaf in CtLeaves.Take(size))
        {
            completed.Clear();
            frontier.Append(MerkleHash.Leaf(leaf), completed);
            completed.ForEach(store.Add);
        }

        return store;
    }
}
