using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Gs1;

namespace Carechain.Modules.Supply.Packs;

/// <summary>
/// One commissioning: which organisation (and key) brought how many packs of one product and lot
/// into existence, where and when. Its id is the commissioning transaction's id. Packs point to
/// it through the serial range index rather than each holding a copy.
/// </summary>
public sealed record BatchRecord(
    Hash256 Id, Gtin Gtin, string Lot, DateOnly Expiry, OrganisationId Manufacturer, Ed25519PublicKey Author, string Location, long Count, long Height, long TimestampMs)
{
    public const byte FormatVersion = 1;

    public byte[] Encode() =>
        new CanonicalWriter(160).Byte(FormatVersion).Hash(Id).Gtin(Gtin).Text(Lot).Date(Expiry).Organisation(Manufacturer).Key(Author).Text(Location)
            .VarUInt((ulong)Count).VarUInt((ulong)Height).VarUInt((ulong)TimestampMs).ToArray();

    public static BatchRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("batch record", FormatVersion);
        var id = reader.Hash("batch id");
        var gtin = SupplyCodec.ReadGtin(ref reader);
        var lot = reader.Text(SupplyCodec.MaxLotLength, "lot");
        var expiry = SupplyCodec.ReadDate(ref reader);
        var manufacturer = SupplyCodec.ReadOrganisation(ref reader) ?? throw new CodecException("batch manufacturer missing", reader.Position);
        var author = reader.Key("author");
        var location = reader.Text(SupplyCodec.MaxLocationBytes, "location");
        var count = (long)reader.VarUInt(long.MaxValue, "count");
        var height = (long)reader.VarUInt(long.MaxValue, "height");
        var time = (long)reader.VarUInt(long.MaxValue, "timestamp");
        reader.End("batch record");
        return new BatchRecord(id, gtin, lot, expiry, manufacturer, author, location, count, height, time);
    }
}
