using Carechain.Core.Codec;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Gs1;

namespace Carechain.Modules.Supply.Packs;

/// <summary>A lot of one product: its one expiry date, its manufacturer, its status, and how many lot events it has had.</summary>
public sealed record LotRecord(Gtin Gtin, string Lot, DateOnly Expiry, OrganisationId Manufacturer, LotStatus Status, int EventCount)
{
    public const byte FormatVersion = 1;

    public byte[] Encode() =>
        new CanonicalWriter(80).Byte(FormatVersion).Gtin(Gtin).Text(Lot).Date(Expiry).Organisation(Manufacturer).Byte((byte)Status).VarUInt((ulong)EventCount).ToArray();

    public static LotRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("lot record", FormatVersion);
        var gtin = SupplyCodec.ReadGtin(ref reader);
        var lot = reader.Text(SupplyCodec.MaxLotLength, "lot");
        var expiry = SupplyCodec.ReadDate(ref reader);
        var manufacturer = SupplyCodec.ReadOrganisation(ref reader) ?? throw new CodecException("lot manufacturer missing", reader.Position);
        var at = reader.Position;
        var status = reader.Byte();
        if (!Enum.IsDefined((LotStatus)status))
        {
            throw new CodecException($"unknown lot status {status}", at);
        }

        var events = (int)reader.VarUInt(int.MaxValue, "event count");
        reader.End("lot record");
        return new LotRecord(gtin, lot, expiry, manufacturer, (LotStatus)status, events);
    }
}
