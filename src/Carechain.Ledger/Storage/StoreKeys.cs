using System.Buffers.Binary;

namespace Carechain.Ledger.Storage;

/// <summary>Key layouts of the store's column families. Integers are big-endian so keys sort by number.</summary>
internal static class StoreKeys
{
    public static readonly byte[] GenesisKey = "genesis"u8.ToArray();
    public static readonly byte[] HeadKey = "head"u8.ToArray();

    /// <summary>The consensus log index of the head block, on a replicated node only.</summary>
    public static readonly byte[] OrderingIndexKey = "ordering-index"u8.ToArray();

    public static byte[] Height(long height)
    {
        var key = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(key, height);
        return key;
    }

    public static long ReadHeight(ReadOnlySpan<byte> key) => BinaryPrimitives.ReadInt64BigEndian(key);

    public static byte[] MerkleNode(int level, long index)
    {
        var key = new byte[9];
        key[0] = (byte)level;
        BinaryPrimitives.WriteInt64BigEndian(key.AsSpan(1), index);
        return key;
    }

    public static byte[] Hash(Core.Hashing.Hash256 hash) => hash.ToArray();
}
