using Carechain.Core.Hashing;

namespace Carechain.Core.Merkle;

/// <summary>
/// The root hash of a perfect subtree of the log: it covers the <c>2^Level</c> leaves
/// <c>[Index * 2^Level, (Index + 1) * 2^Level)</c>. Level 0 nodes are leaf hashes. Once a perfect
/// subtree is complete its hash never changes, which is why these are the only nodes ever stored.
/// </summary>
public readonly record struct MerkleNode(int Level, long Index, Hash256 Hash);
