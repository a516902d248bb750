using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Access;

/// <summary>
/// One read served, as the chain remembers it: who read which record of which patient, for what
/// purpose, under which right, through which node, and when (block time).
/// </summary>
public sealed record AccessEvent(
    Hash256 TxId, Ed25519PublicKey Reader, Hash256 RecordId, Ed25519PublicKey Patient, string Purpose, AccessBasis Basis, Hash256? BasisId,
    Ed25519PublicKey Node, long Height, long TimestampMs)
{
    public const byte FormatVersion = 1;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(220).Byte(FormatVersion).Hash(TxId).Key(Reader).Hash(RecordId).Key(Patient).Text(Purpose)
            .Byte((byte)Basis).Bool(BasisId is not null);
        if (BasisId is { } id)
        {
            writer.Hash(id);
        }

        return writer.Key(Node).VarUInt((ulong)Height).VarUInt((ulong)TimestampMs).ToArray();
    }

    public static AccessEvent Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("access event", FormatVersion);
        var txId = reader.Hash("tx id");
        var who = reader.Key("reader");
        var record = reader.Hash("record id");
        var patient = reader.Key("patient");
        var purpose = reader.Text(16, "purpose");
        var at = reader.Position;
        var basis = reader.Byte() is var b && Enum.IsDefined((AccessBasis)b) ? (AccessBasis)b : throw new CodecException("unknown access basis", at);
        Hash256? basisId = reader.Bool() ? reader.Hash("basis id") : null;
        var node = reader.Key("node");
        var height = (long)reader.VarUInt(long.MaxValue, "height");
        var timestamp = (long)reader.VarUInt(long.MaxValue, "timestamp");
        reader.End("access event");
        return new AccessEvent(txId, who, record, patient, purpose, basis, basisId, node, height, timestamp);
    }
}
