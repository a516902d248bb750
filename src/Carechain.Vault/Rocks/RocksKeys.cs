using System.Buffers.Binary;
using System.Text;
using Carechain.Vault.Records;

namespace Carechain.Vault.Rocks;

/// <summary>
/// Key layout of the vault's RocksDB column families. A version key is
/// <c>id (ASCII) || 0x00 || version (u64 big-endian)</c>: 0x00 never occurs in an id, so one
/// record's versions are one contiguous, ordered range.
/// </summary>
internal static class RocksKeys
{
    public const string Versions = "vault-versions";
    public const string Heads = "vault-heads";
    public const string Tombstones = "vault-tombstones";

    public static readonly string[] Families = [Versions, Heads, Tombstones];

    public static byte[] Record(RecordId id) => Encoding.ASCII.GetBytes(id.Value);

    public static byte[] Version(RecordId id, long version)
    {
        var key = new byte[id.Value.Length + 1 + sizeof(long)];
        Encoding.ASCII.GetBytes(id.Value, key);
        BinaryPrimitives.WriteInt64BigEndian(key.AsSpan(id.Value.Length + 1), version);
        return key;
    }

    /// <summary>The first key after every version of the record: <c>id || 0x01</c>.</summary>
    public static byte[] VersionsEnd(RecordId id)
    {
        var key = new byte[id.Value.Length + 1];
        Encoding.ASCII.GetBytes(id.Value, key);
        key[^1] = 0x01;
        return key;
    }

    public static byte[] Number(long value)
    {
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    public static long ReadNumber(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt64BigEndian(bytes);
}
