using Carechain.Core.Hashing;
using Carechain.Core.Merkle;

namespace Carechain.Core.Tests.Merkle;

/// <summary>Counts reads, to check the O(log n) bounds the builder promises.</summary>
internal sealed class CountingReader(IMerkleNodeReader inner) : IMerkleNodeReader
{
    public int Reads { get; private set; }

    public Hash256 ReadNode(int level, long index)
    {
        Reads++;
        return inner.ReadNode(level, index);
    }
}
