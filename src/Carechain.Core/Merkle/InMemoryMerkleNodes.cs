using Carechain.Core.Hashing;

namespace Carechain.Core.Merkle;

/// <summary>
/// A node store held in memory, for tests, benchmarks and offline verification. Nodes of each level
/// must be added in index order without gaps (as <see cref="MerkleFrontier.Append"/> reports them);
/// re-adding an identical node is a no-op and a conflicting one is refused, so a stored node never
/// changes. Reading a node that was never added throws <see cref="ArgumentOutOfRangeException"/>.
/// Safe for concurrent reads once no more nodes are being added.
/// </summary>
public sealed class InMemoryMerkleNodes : IMerkleNodeReader
{
    private const int MaxLevels = 63;

    private readonly List<List<Hash256>> _levels = [];

    /// <summary>Number of leaf (level 0) nodes stored.</summary>
    public long LeafCount => _levels.Count == 0 ? 0 : _levels[0].Count;

    public void Add(MerkleNode node)
    {
        if (node.Level is < 0 or >= MaxLevels)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node.Level, "A node level is between 0 and 62.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(node.Index, nameof(node));
        while (_levels.Count <= node.Level)
        {
            _levels.Add([]);
        }

        var level = _levels[node.Level];
        if (node.Index < level.Count)
        {
            if (level[(int)node.Index] != node.Hash)
            {
                throw new ArgumentException($"Node ({node.Level}, {node.Index}) is already stored with a different hash.", nameof(node));
            }

            return;
        }

        if (node.Index != level.Count)
        {
            throw new ArgumentException($"Node ({node.Level}, {node.Index}) leaves a gap: the next index at that level is {level.Count}.", nameof(node));
        }

        level.Add(node.Hash);
    }

    public Hash256 ReadNode(int level, long index)
    {
        if (level < 0 || level >= _levels.Count || index < 0 || index >= _levels[level].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"No node is stored at level {level}, index {index}.");
        }

        return _levels[level][(int)index];
    }
}
