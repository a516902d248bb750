using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Access;

/// <summary>
/// The payload of records/access-batch: the custodian's node records that it is serving several
/// records of one patient to <see cref="Reader"/> for <see cref="Purpose"/> at once (a page of
/// search results). All or nothing: the module decides each read as for <see cref="AccessRequest"/>
/// and refuses the whole batch unless every one is allowed; one access event per record is stored.
/// </summary>
public sealed record AccessBatchRequest(Ed25519PublicKey Reader, string Purpose, IReadOnlyList<Hash256> RecordIds)
{
    public const string Operation = "access-batch";
    public const int MaxRecords = 256;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(64 + (RecordIds.Count * Hash256.Size)).Key(Reader).Text(Purpose).VarUInt((ulong)RecordIds.Count);
        foreach (var id in RecordIds)
        {
            writer.Hash(id);
        }

        return writer.ToArray();
    }

    public static AccessBatchRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var who = reader.Key("reader");
        var purpose = reader.Text(16, "purpose");
        var ids = new Hash256[(int)reader.VarUInt(MaxRecords, "record count")];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = reader.Hash("record id");
        }

        reader.End("access batch payload");
        return new AccessBatchRequest(who, purpose, ids);
    }

    public string? Validate()
    {
        if (!PurposeOfUse.IsKnown(Purpose))
        {
            return RecordsErrors.InvalidPurpose;
        }

        return RecordIds.Count > 0 && RecordIds.Distinct().Count() == RecordIds.Count ? null : RecordsErrors.InvalidAccessBatch;
    }
}
