using Carechain.Core.Codec;
using Carechain.Vault.Crypto;
using Carechain.Vault.Envelope;
using Carechain.Vault.Records;

namespace Carechain.Vault.Storage;

/// <summary>Turns bytes read from a backend back into envelopes and tombstones, refusing damaged or misplaced ones.</summary>
internal static class StoredEnvelope
{
    public static SealedRecord Decode(ReadOnlySpan<byte> bytes, RecordId id, long version)
    {
        SealedRecord record;
        try
        {
            record = SealedRecord.Decode(bytes);
        }
        catch (CodecException ex)
        {
            throw new VaultIntegrityException($"The stored envelope of record {id} version {version} is damaged.", ex);
        }

        if (record.Header.Id != id || record.Header.Version != version)
        {
            throw new VaultIntegrityException($"The envelope stored as record {id} version {version} belongs to another record.");
        }

        return record;
    }

    public static Tombstone DecodeTombstone(ReadOnlySpan<byte> bytes, RecordId id)
    {
        Tombstone tombstone;
        try
        {
            tombstone = Tombstone.Decode(bytes);
        }
        catch (CodecException ex)
        {
            throw new VaultIntegrityException($"The stored tombstone of record {id} is damaged.", ex);
        }

        return tombstone.Id == id
            ? tombstone
            : throw new VaultIntegrityException($"The tombstone stored for record {id} belongs to another record.");
    }

    public static VersionSummary Summary(SealedRecord record) =>
        new(record.Header.Version, record.Header.ResourceType, record.CiphertextHash);
}
