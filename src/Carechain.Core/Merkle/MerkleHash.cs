using System.Security.Cryptography;
using Carechain.Core.Hashing;

namespace Carechain.Core.Merkle;

/// <summary>
/// The RFC 9162 Merkle tree hashes: leaves are <c>SHA-256(0x00 || entry)</c> and interior nodes
/// <c>SHA-256(0x01 || left || right)</c>, so a leaf can never be passed off as a node (second-preimage
/// resistance). Leaf entries up to 1 KiB and every node are hashed from the stack without allocating.
/// </summary>
public static class MerkleHash
{
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;
    private const int StackLimit = 1024;

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    public static Hash256 EmptyRoot { get; } = Hash256.Sha256([]);

    /// <summary><c>SHA-256(0x00 || entry)</c>.</summary>
    public static Hash256 Leaf(ReadOnlySpan<byte> entry)
    {
        if (entry.Length <= StackLimit)
        {
            Span<byte> joined = stackalloc byte[1 + entry.Length];
            joined[0] = LeafPrefix;
            entry.CopyTo(joined[1..]);
            return Hash256.Sha256(joined);
        }

        // Large entries are rare (leaves are normally transaction hashes); stream them instead of copying.
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ReadOnlySpan<byte> prefix = [LeafPrefix];
        hasher.AppendData(prefix);
        hasher.AppendData(entry);
        Span<byte> digest = stackalloc byte[Hash256.Size];
        hasher.GetHashAndReset(digest);
        return Hash256.Read(digest);
    }

    /// <summary><c>SHA-256(0x01 || left || right)</c>.</summary>
    public static Hash256 Node(Hash256 left, Hash256 right)
    {
        Span<byte> joined = stackalloc byte[1 + (2 * Hash256.Size)];
        joined[0] = NodePrefix;
        left.WriteTo(joined[1..]);
        right.WriteTo(joined[(1 + Hash256.Size)..]);
        return Hash256.Sha256(joined);
    }
}
