using Carechain.Core.Codec;
using Carechain.Ledger.Execution;

namespace Carechain.Modules.Records.Anchors;

/// <summary>
/// The payload of records/anchor-log: a custodian node anchors, in one transaction, versions that
/// different members wrote at about the same time (group commit, ADR 0013). Unlike
/// records/anchor-batch-for, each entry stands alone: the module applies each by the anchor-for
/// rules and emits <c>records.anchored</c> for it, or refuses it alone with a
/// <c>records.anchor_refused</c> event carrying its code; both name the entry by its index
/// (<c>entry</c>). A record appears at most once, so no entry depends on another's write.
/// </summary>
public sealed record AnchorLogRequest(IReadOnlyList<AnchorOnBehalfRequest> Entries)
{
    public const string Operation = "anchor-log";

    /// <summary>The most anchors in one transaction (about 24 KiB of payload).</summary>
    public const int MaxEntries = 128;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(8 + (Entries.Count * 190)).VarUInt((ulong)Entries.Count);
        foreach (var entry in Entries)
        {
            writer.Bytes(entry.Encode());
        }

        return writer.ToArray();
    }

    public static AnchorLogRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var entries = new AnchorOnBehalfRequest[(int)reader.VarUInt(MaxEntries, "entry count")];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = AnchorOnBehalfRequest.Decode(reader.Bytes(300, "anchor"));
        }

        reader.End("anchor log payload");
        return new AnchorLogRequest(entries);
    }

    public string? Validate()
    {
        if (Entries.Count == 0)
        {
            return LedgerErrors.MalformedPayload;
        }

        foreach (var entry in Entries)
        {
            if (entry.Validate() is { } problem)
            {
                return problem;
            }
        }

        return Entries.Select(e => e.Anchor.RecordId).Distinct().Count() == Entries.Count ? null : RecordsErrors.DuplicateRecord;
    }

    public bool Equals(AnchorLogRequest? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Count;
}
