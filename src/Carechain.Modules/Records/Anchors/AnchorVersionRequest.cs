using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Anchors;

/// <summary>
/// The payload of records/anchor: a custodian's clinician anchors version <see cref="Version"/>
/// of a record of <see cref="Patient"/>. Version 1 creates the record; each later version is the
/// next number. Only the ciphertext's hash reaches the chain.
/// </summary>
public sealed record AnchorVersionRequest(Hash256 RecordId, Ed25519PublicKey Patient, string ResourceType, long Version, Hash256 CiphertextHash)
{
    public const string Operation = "anchor";

    public byte[] Encode() =>
        new CanonicalWriter(140).Hash(RecordId).Key(Patient).Text(ResourceType).VarUInt((ulong)Version).Hash(CiphertextHash).ToArray();

    public static AnchorVersionRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var request = new AnchorVersionRequest(
            reader.Hash("record id"),
            reader.Key("patient"),
            reader.Text(ResourceTypes.MaxLength, "resource type"),
            (long)reader.VarUInt(long.MaxValue, "version"),
            reader.Hash("ciphertext hash"));
        reader.End("anchor payload");
        return request;
    }

    public string? Validate() =>
        !ResourceTypes.IsValid(ResourceType) ? RecordsErrors.InvalidResourceType
        : Version < 1 ? RecordsErrors.VersionConflict
        : null;
}
