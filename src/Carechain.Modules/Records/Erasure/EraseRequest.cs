using Carechain.Core.Codec;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Erasure;

/// <summary>
/// The payload of records/erase: the patient asks for a record to be erased. The chain marks it
/// erased (every later read is refused as gone) and keeps only its hashes; the custodian's vault
/// destroys the record's keys and ciphertext when it sees the <c>records.erased</c> event.
/// </summary>
public sealed record EraseRequest(Hash256 RecordId)
{
    public const string Operation = "erase";

    public byte[] Encode() => new CanonicalWriter(40).Hash(RecordId).ToArray();

    public static EraseRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var id = reader.Hash("record id");
        reader.End("erase payload");
        return new EraseRequest(id);
    }
}
