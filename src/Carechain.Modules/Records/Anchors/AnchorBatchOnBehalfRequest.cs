using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Ledger.Execution;

namespace Carechain.Modules.Records.Anchors;

/// <summary>
/// The payload of records/anchor-batch-for: a custodian node anchors several versions at once on
/// behalf of <see cref="RequestedBy"/>, as records/anchor-for does for one (ADR 0009). All or
/// nothing: if any anchor is refused, the transaction fails with that anchor's code and none is
/// applied. A FHIR transaction Bundle is anchored this way, so its entries commit together.
/// Each record appears at most once, so no anchor depends on another's write.
/// </summary>
public sealed record AnchorBatchOnBehalfRequest(Ed25519PublicKey RequestedBy, IReadOnlyList<AnchorVersionRequest> Anchors)
{
    public const string Operation = "anchor-batch-for";

    /// <summary>The most anchors in one transaction; a batch of this many stays well under the payload limit.</summary>
    public const int MaxAnchors = 100;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(40 + (Anchors.Count * 150)).Key(RequestedBy).VarUInt((ulong)Anchors.Count);
        foreach (var anchor in Anchors)
        {
            writer.Bytes(anchor.Encode());
        }

        return writer.ToArray();
    }

    public static AnchorBatchOnBehalfRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var requestedBy = reader.Key("requested by");
        var count = (int)reader.VarUInt(MaxAnchors, "anchor count");
        var anchors = new AnchorVersionRequest[count];
        for (var i = 0; i < count; i++)
        {
            anchors[i] = AnchorVersionRequest.Decode(reader.Bytes(256, "anchor"));
        }

        reader.End("anchor batch payload");
        return new AnchorBatchOnBehalfRequest(requestedBy, anchors);
    }

    public string? Validate()
    {
        if (Anchors.Count == 0)
        {
            return LedgerErrors.MalformedPayload;
        }

        foreach (var anchor in Anchors)
        {
            if (anchor.Validate() is { } problem)
            {
                return problem;
            }
        }

        return Anchors.Select(a => a.RecordId).Distinct().Count() == Anchors.Count ? null : RecordsErrors.DuplicateRecord;
    }

    public bool Equals(AnchorBatchOnBehalfRequest? other) =>
        other is not null && RequestedBy == other.RequestedBy && Anchors.SequenceEqual(other.Anchors);

    public override int GetHashCode() => HashCode.Combine(RequestedBy, Anchors.Count);
}
