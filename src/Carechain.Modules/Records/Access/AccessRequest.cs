using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Access;

/// <summary>
/// The payload of records/access: the custodian's node records that it is serving
/// <see cref="RecordId"/> to <see cref="Reader"/> for <see cref="Purpose"/>. The module decides
/// the access again at block time and refuses the event (so the node refuses the read) unless
/// <see cref="AccessPolicy"/> allows it; the node serves only after the event committed.
/// </summary>
public sealed record AccessRequest(Ed25519PublicKey Reader, Hash256 RecordId, string Purpose)
{
    public const string Operation = "access";

    public byte[] Encode() => new CanonicalWriter(90).Key(Reader).Hash(RecordId).Text(Purpose).ToArray();

    public static AccessRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var request = new AccessRequest(reader.Key("reader"), reader.Hash("record id"), reader.Text(16, "purpose"));
        reader.End("access payload");
        return request;
    }

    public string? Validate() => PurposeOfUse.IsKnown(Purpose) ? null : RecordsErrors.InvalidPurpose;
}
