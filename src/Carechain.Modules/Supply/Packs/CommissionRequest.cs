using Carechain.Core.Codec;
using Carechain.Core.Hashing;
using Carechain.Modules.Supply.Gs1;

namespace Carechain.Modules.Supply.Packs;

/// <summary>
/// Payload of supply/commission: one batch of packs of one product and lot, as serial ranges
/// (a million serials is one range of a few bytes) and single serials. EPCIS: an ObjectEvent
/// ADD, bizStep <c>commissioning</c>, disposition <c>active</c>; <see cref="EventHash"/> is that
/// event's hash when it was captured as one.
/// </summary>
public sealed record CommissionRequest(Gtin Gtin, string Lot, DateOnly Expiry, IReadOnlyList<SerialRange> Ranges, string Location, Hash256? EventHash = null)
{
    public const int MaxRanges = 2_000;

    public long Count => Ranges.Sum(r => r.Count);

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(64 + (Ranges.Count * 16)).Gtin(Gtin).Text(Lot).Date(Expiry).VarUInt((ulong)Ranges.Count);
        foreach (var range in Ranges)
        {
            writer.Text(range.Prefix).VarUInt((ulong)range.Width).VarUInt((ulong)range.Start).VarUInt((ulong)range.Count);
        }

        return SupplyEventHash.Write(writer.Text(Location), EventHash).ToArray();
    }

    public static CommissionRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var gtin = SupplyCodec.ReadGtin(ref reader);
        var lot = reader.Text(SupplyCodec.MaxLotLength, "lot");
        var expiry = SupplyCodec.ReadDate(ref reader);
        var ranges = new SerialRange[reader.Length(MaxRanges, "ranges")];
        for (var i = 0; i < ranges.Length; i++)
        {
            ranges[i] = new SerialRange(
                reader.Text(PackId.MaxSerialLength, "serial prefix"),
                (int)reader.VarUInt(PackId.MaxSerialLength, "width"),
                (long)reader.VarUInt(long.MaxValue / 2, "start"),
                (long)reader.VarUInt(SerialRange.MaxCount, "count"));
        }

        var location = reader.Text(SupplyCodec.MaxLocationBytes, "location");
        var eventHash = SupplyEventHash.Read(ref reader);
        reader.End("commission payload");
        return new CommissionRequest(gtin, lot, expiry, ranges, location, eventHash);
    }

    /// <summary>Null when the batch is well formed, else the error code.</summary>
    public string? Validate()
    {
        if (!SupplyCodec.IsLot(Lot))
        {
            return SupplyErrors.InvalidLot;
        }

        if (Ranges.Count == 0)
        {
            return SupplyErrors.EmptyBatch;
        }

        if (!SupplyCodec.IsLocation(Location))
        {
            return SupplyErrors.InvalidLocation;
        }

        return Ranges.Any(r => r.Problem() is not null) ? SupplyErrors.InvalidRange : null;
    }
}
