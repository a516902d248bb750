using Carechain.Core.Codec;
using Carechain.Core.Crypto;

namespace Carechain.Modules.Records.Anchors;

/// <summary>
/// The payload of records/anchor-for: a node of the custodian organisation anchors a version on
/// behalf of <see cref="RequestedBy"/>, a clinical member of that organisation who authenticated to
/// the node (the FHIR API's writes; ADR 0009). The member is recorded as the version's author;
/// the node's signature proves which custodian node accepted the write.
/// </summary>
public sealed record AnchorOnBehalfRequest(Ed25519PublicKey RequestedBy, AnchorVersionRequest Anchor)
{
    public const string Operation = "anchor-for";

    public byte[] Encode() => [.. new CanonicalWriter(40).Key(RequestedBy).ToArray(), .. Anchor.Encode()];

    public static AnchorOnBehalfRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var requestedBy = reader.Key("requested by");
        return new AnchorOnBehalfRequest(requestedBy, AnchorVersionRequest.Decode(payload[reader.Position..]));
    }

    public string? Validate() => Anchor.Validate();
}
