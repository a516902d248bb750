using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Anchors;

/// <summary>One anchored version of a record: its ciphertext hash, who anchored it, and when.</summary>
public sealed record RecordVersion(long Version, Hash256 CiphertextHash, Ed25519PublicKey AnchoredBy, Hash256 TxId, long Height, long TimestampMs)
{
    public const byte FormatVersion = 1;

    public byte[] Encode() =>
        new CanonicalWriter(120).Byte(FormatVersion).VarUInt((ulong)Version).Hash(CiphertextHash).Key(AnchoredBy).Hash(TxId)
            .VarUInt((ulong)Height).VarUInt((ulong)TimestampMs).ToArray();

    public static RecordVersion Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("record version", FormatVersion);
        var version = new RecordVersion(
            (long)reader.VarUInt(long.MaxValue, "version"),
            reader.Hash("ciphertext hash"),
            reader.Key("anchored by"),
            reader.Hash("tx id"),
            (long)reader.VarUInt(long.MaxValue, "height"),
            (long)reader.VarUInt(long.MaxValue, "timestamp"));
        reader.End("record version");
        return version;
    }
}
