using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Records.Anchors;

/// <summary>
/// The chain's head entry for one record: whose it is, which organisation keeps it, what kind of
/// resource it is, and the ciphertext hash of its latest version. Hashes and ids only; the record
/// itself lives encrypted in the custodian's vault. <see cref="ErasedHeight"/> is set once the
/// patient asked for erasure: the record is then gone for every reader.
/// </summary>
public sealed record RecordAnchor(
    Hash256 RecordId, Ed25519PublicKey Patient, OrganisationId Custodian, string ResourceType, long Version,
    Hash256 CiphertextHash, long Height, long TimestampMs, long? ErasedHeight)
{
    public const byte FormatVersion = 1;

    public bool IsErased => ErasedHeight is not null;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(180).Byte(FormatVersion).Hash(RecordId).Key(Patient).Text(Custodian.Value).Text(ResourceType)
            .VarUInt((ulong)Version).Hash(CiphertextHash).VarUInt((ulong)Height).VarUInt((ulong)TimestampMs).Bool(ErasedHeight is not null);
        if (ErasedHeight is { } erased)
        {
            writer.VarUInt((ulong)erased);
        }

        return writer.ToArray();
    }

    public static RecordAnchor Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("record anchor", FormatVersion);
        var id = reader.Hash("record id");
        var patient = reader.Key("patient");
        var at = reader.Position;
        var custodianText = reader.Text(OrganisationId.MaxLength, "custodian");
        var custodian = OrganisationId.TryParse(custodianText, out var org) ? org : throw new CodecException("custodian is not an organisation id", at);
        var type = reader.Text(ResourceTypes.MaxLength, "resource type");
        var version = (long)reader.VarUInt(long.MaxValue, "version");
        var hash = reader.Hash("ciphertext hash");
        var height = (long)reader.VarUInt(long.MaxValue, "height");
        var timestamp = (long)reader.VarUInt(long.MaxValue, "timestamp");
        long? erased = reader.Bool() ? (long)reader.VarUInt(long.MaxValue, "erased height") : null;
        reader.End("record anchor");
        return new RecordAnchor(id, patient, custodian, type, version, hash, height, timestamp, erased);
    }
}
