using Carechain.Core.Codec;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Governance;

/// <summary>
/// An organisation as governance holds it now: its current keys, whether it is still a member of
/// the consortium, and the height of its last change (0 for a founding organisation untouched
/// since genesis).
/// </summary>
public sealed record OrganisationRecord(Organisation Organisation, OrganisationStatus Status, long ChangedHeight)
{
    public const byte FormatVersion = 1;

    public bool IsActive => Status == OrganisationStatus.Active;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(256);
        writer.Byte(FormatVersion);
        Organisation.WriteTo(writer);
        writer.Byte((byte)Status).VarUInt((ulong)ChangedHeight);
        return writer.ToArray();
    }

    public static OrganisationRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("organisation record", FormatVersion);
        var organisation = Organisation.Read(ref reader);
        var at = reader.Position;
        var status = reader.Byte() switch
        {
            0 => OrganisationStatus.Active,
            1 => OrganisationStatus.Removed,
            var other => throw new CodecException($"Unknown organisation status {other}", at),
        };
        var changed = (long)reader.VarUInt(long.MaxValue, "changed height");
        reader.End("organisation record");
        return new OrganisationRecord(organisation, status, changed);
    }
}
