using Carechain.Core.Codec;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Prefixes;

namespace Carechain.Modules.Supply.Products;

/// <summary>A registered trade item: its GTIN, the organisation that owns it (through the company prefix), and a name.</summary>
public sealed record ProductRecord(Gtin Gtin, OrganisationId Owner, CompanyPrefix Prefix, string Name, long Height)
{
    public const byte FormatVersion = 1;
    public const int MaxNameBytes = 100;

    public byte[] Encode() =>
        new CanonicalWriter(160).Byte(FormatVersion).Gtin(Gtin).Organisation(Owner).Text(Prefix.Value).Text(Name).VarUInt((ulong)Height).ToArray();

    public static ProductRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("product record", FormatVersion);
        var gtin = SupplyCodec.ReadGtin(ref reader);
        var at = reader.Position;
        var owner = SupplyCodec.ReadOrganisation(ref reader) ?? throw new CodecException("product owner missing", at);
        var prefix = CompanyPrefix.TryParse(reader.Text(CompanyPrefix.MaxLength, "prefix"), out var p) ? p : throw new CodecException("bad company prefix", at);
        var name = reader.Text(MaxNameBytes, "name");
        var height = (long)reader.VarUInt(long.MaxValue, "height");
        reader.End("product record");
        return new ProductRecord(gtin, owner, prefix, name, height);
    }
}
