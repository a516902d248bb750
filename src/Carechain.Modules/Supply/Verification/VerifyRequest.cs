using Carechain.Core.Codec;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Supply.Verification;

/// <summary>
/// Payload of supply/verify: a scanned pack with the lot and expiry the barcode printed (when it
/// had them) and where it was scanned. Verification is a transaction so that every scan is on the
/// record (the audit trail) and two scans of one serial in two places are seen (a cloned code).
/// </summary>
public sealed record VerifyRequest(PackId Pack, string? Lot, DateOnly? Expiry, string Location)
{
    public byte[] Encode() => new CanonicalWriter(96).Pack(Pack).Text(Lot ?? string.Empty).OptionalDate(Expiry).Text(Location).ToArray();

    public static VerifyRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var pack = SupplyCodec.ReadPack(ref reader);
        var lot = reader.Text(SupplyCodec.MaxLotLength, "lot");
        var expiry = SupplyCodec.ReadOptionalDate(ref reader);
        var location = reader.Text(SupplyCodec.MaxLocationBytes, "location");
        reader.End("verify payload");
        return new VerifyRequest(pack, lot.Length == 0 ? null : lot, expiry, location);
    }

    public string? Validate()
    {
        if (Lot is not null && !SupplyCodec.IsLot(Lot))
        {
            return SupplyErrors.InvalidLot;
        }

        return SupplyCodec.IsLocation(Location) ? null : SupplyErrors.InvalidLocation;
    }
}
