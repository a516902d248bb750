using Carechain.Core.Codec;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Access;

/// <summary>
/// The payload of records/access-log: the custodian's node records, in one transaction, reads it is
/// about to serve to different callers at about the same time (group commit, ADR 0013). Unlike
/// records/access-batch, each entry stands alone: the module decides each as for
/// <see cref="AccessRequest"/>, stores an access event for each one allowed, and reports each one
/// refused with a <c>records.access_refused</c> event carrying its code; the node serves exactly the
/// entries whose <c>records.accessed</c> event committed. Both events name the entry by its index.
/// </summary>
public sealed record AccessLogRequest(IReadOnlyList<AccessLogEntry> Entries)
{
    public const string Operation = "access-log";

    /// <summary>The most reads in one transaction (about 25 KiB of payload).</summary>
    public const int MaxEntries = 256;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(8 + (Entries.Count * 80)).VarUInt((ulong)Entries.Count);
        foreach (var entry in Entries)
        {
            writer.Key(entry.Reader).Hash(entry.RecordId).Text(entry.Purpose);
        }

        return writer.ToArray();
    }

    public static AccessLogRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var entries = new AccessLogEntry[(int)reader.VarUInt(MaxEntries, "entry count")];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new AccessLogEntry(reader.Key("reader"), reader.Hash("record id"), reader.Text(16, "purpose"));
        }

        reader.End("access log payload");
        return new AccessLogRequest(entries);
    }

    public string? Validate()
    {
        if (Entries.Count == 0)
        {
            return RecordsErrors.InvalidAccessBatch;
        }

        return Entries.All(e => PurposeOfUse.IsKnown(e.Purpose)) ? null : RecordsErrors.InvalidPurpose;
    }

    public bool Equals(AccessLogRequest? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Count;
}
