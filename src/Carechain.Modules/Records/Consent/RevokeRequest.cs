using Carechain.Core.Codec;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Consent;

/// <summary>The payload of records/revoke: the patient withdraws one of their grants, from the next block on.</summary>
public sealed record RevokeRequest(Hash256 GrantId)
{
    public const string Operation = "revoke";

    public byte[] Encode() => new CanonicalWriter(40).Hash(GrantId).ToArray();

    public static RevokeRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var id = reader.Hash("grant id");
        reader.End("revoke payload");
        return new RevokeRequest(id);
    }
}
