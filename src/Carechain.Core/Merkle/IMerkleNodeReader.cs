using Carechain.Core.Hashing;

namespace Carechain.Core.Merkle;

/// <summary>
/// Read access to the stored perfect-subtree nodes of a log (every <see cref="MerkleNode"/> that
/// <see cref="MerkleFrontier.Append"/> has reported). Asking for a node that was never stored is a
/// caller error and throws; it must never return a made-up hash.
/// </summary>
public interface IMerkleNodeReader
{
    /// <summary>The hash of the perfect subtree of <c>2^level</c> leaves starting at leaf <c>index * 2^level</c>.</summary>
    Hash256 ReadNode(int level, long index);
}
