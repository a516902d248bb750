using Carechain.Core.Codec;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Consent;

/// <summary>
/// What a grant covers: records of the listed resource types, and the listed records by id. A
/// record is in scope if either list names it; a scope names at least one of either.
/// </summary>
public sealed record ConsentScope(IReadOnlyList<string> ResourceTypes, IReadOnlyList<Hash256> RecordIds)
{
    public const int MaxResourceTypes = 32;
    public const int MaxRecordIds = 64;

    public bool Covers(Hash256 recordId, string resourceType) =>
        ResourceTypes.Contains(resourceType, StringComparer.Ordinal) || RecordIds.Contains(recordId);

    public string? Validate()
    {
        if (ResourceTypes.Count + RecordIds.Count == 0)
        {
            return RecordsErrors.InvalidScope;
        }

        if (!ResourceTypes.All(Records.ResourceTypes.IsValid))
        {
            return RecordsErrors.InvalidResourceType;
        }

        return ResourceTypes.Distinct(StringComparer.Ordinal).Count() == ResourceTypes.Count && RecordIds.Distinct().Count() == RecordIds.Count
            ? null
            : RecordsErrors.InvalidScope;
    }

    internal void WriteTo(CanonicalWriter writer)
    {
        writer.VarUInt((ulong)ResourceTypes.Count);
        foreach (var type in ResourceTypes)
        {
            writer.Text(type);
        }

        writer.VarUInt((ulong)RecordIds.Count);
        foreach (var id in RecordIds)
        {
            writer.Hash(id);
        }
    }

    internal static ConsentScope Read(ref CanonicalReader reader)
    {
        var types = new string[(int)reader.VarUInt(MaxResourceTypes, "resource type count")];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = reader.Text(Records.ResourceTypes.MaxLength, "resource type");
        }

        var ids = new Hash256[(int)reader.VarUInt(MaxRecordIds, "record id count")];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = reader.Hash("record id");
        }

        return new ConsentScope(types, ids);
    }
}
