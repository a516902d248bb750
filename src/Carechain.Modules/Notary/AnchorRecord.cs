using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Notary;

/// <summary>Proof of existence: who anchored a document hash, in which transaction, at which block and time.</summary>
public sealed record AnchorRecord(
    Hash256 DocumentHash, Ed25519PublicKey Author, Hash256 TxId, long Height, long TimestampMs, string Label, string MediaType)
{
    public const byte FormatVersion = 1;

    public byte[] Encode() =>
        new CanonicalWriter(200).Byte(FormatVersion).Hash(DocumentHash).Key(Author).Hash(TxId)
            .VarUInt((ulong)Height).VarUInt((ulong)TimestampMs).Text(Label).Text(MediaType).ToArray();

    public static AnchorRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("anchor record", FormatVersion);
        var record = new AnchorRecord(
            reader.Hash("document hash"),
            reader.Key("author"),
            reader.Hash("tx id"),
            (long)reader.VarUInt(long.MaxValue, "height"),
            (long)reader.VarUInt(long.MaxValue, "timestamp"),
            reader.Text(AnchorRequest.MaxLabelBytes, "label"),
            reader.Text(AnchorRequest.MaxMediaTypeBytes, "media type"));
        reader.End("anchor record");
        return record;
    }
}
