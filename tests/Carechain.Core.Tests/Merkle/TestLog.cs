using System.Text;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;

namespace Carechain.Core.Tests.Merkle;

/// <summary>
/// A shared log of distinct entries, stored once through <see cref="MerkleFrontier"/>. Proofs for any
/// smaller tree size can be built from it because completed nodes never change. Read-only after
/// construction, so property tests may use it from many threads.
/// </summary>
internal static class TestLog
{
    public const int MaxSize = 700;

    // Distinct entries matter: with equal leaves a proof for one index would also prove its twin.
    public static readonly byte[][] Entries =
        [.. Enumerable.Range(0, MaxSize).Select(i => Encoding.UTF8.GetBytes($"entry {i} " + new string('x', i % 37)))];

    public static readonly InMemoryMerkleNodes Store = Build(MaxSize);

    public static Hash256 LeafHash(long index) => MerkleHash.Leaf(Entries[index]);

    public static Hash256 Root(long size) => Rfc9162Reference.Mth(Entries, (int)size);

    /// <summary>A fresh store holding exactly the first <paramref name="size"/> leaves.</summary>
    public static InMemoryMerkleNodes Build(int size) => Build(size, out _);

    public static InMemoryMerkleNodes Build(int size, out MerkleFrontier frontier)
    {
        var store = new InMemoryMerkleNodes();
        var completed = new List<MerkleNode>();
        frontier = new MerkleFrontier();
        for (var i = 0; i < size; i++)
        {
            completed.Clear();
            frontier.Append(MerkleHash.Leaf(Entries[i]), completed);
            completed.ForEach(store.Add);
        }

        return store;
    }

    public static Hash256 FlipBit(Hash256 hash, int bit)
    {
        var mask = 1UL << (bit % 64);
        return (bit / 64 % 4) switch
        {
            0 => hash with { P0 = hash.P0 ^ mask },
            1 => hash with { P1 = hash.P1 ^ mask },
            2 => hash with { P2 = hash.P2 ^ mask },
            _ => hash with { P3 = hash.P3 ^ mask },
        };
    }
}
