using Carechain.Core.Codec;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Supply.Prefixes;

/// <summary>A company prefix and the organisation it was assigned to, by whom (a regulator) and when.</summary>
public sealed record PrefixRecord(CompanyPrefix Prefix, OrganisationId Owner, OrganisationId AssignedBy, long Height)
{
    public const byte FormatVersion = 1;

    public byte[] Encode() =>
        new CanonicalWriter(64).Byte(FormatVersion).Text(Prefix.Value).Organisation(Owner).Organisation(AssignedBy).VarUInt((ulong)Height).ToArray();

    public static PrefixRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("prefix record", FormatVersion);
        var at = reader.Position;
        var prefix = CompanyPrefix.TryParse(reader.Text(CompanyPrefix.MaxLength, "prefix"), out var p) ? p : throw new CodecException("bad company prefix", at);
        var owner = SupplyCodec.ReadOrganisation(ref reader) ?? throw new CodecException("prefix owner missing", at);
        var by = SupplyCodec.ReadOrganisation(ref reader) ?? throw new CodecException("prefix assigner missing", at);
        var height = (long)reader.VarUInt(long.MaxValue, "height");
        reader.End("prefix record");
        return new PrefixRecord(prefix, owner, by, height);
    }
}
