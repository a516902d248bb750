using System.Text;
using Carechain.Core.Codec;
using Carechain.Modules.Supply.Gs1;

namespace Carechain.Modules.Supply.Events;

/// <summary>
/// Payload of supply/recall, quarantine and release: one lot of one product and a short reason
/// code. One write to the lot changes the verification of every pack in it, with no per-pack writes.
/// </summary>
public sealed record LotRequest(Gtin Gtin, string Lot, string Reason)
{
    public byte[] Encode() => new CanonicalWriter(64).Gtin(Gtin).Text(Lot).Text(Reason).ToArray();

    public static LotRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var gtin = SupplyCodec.ReadGtin(ref reader);
        var lot = reader.Text(SupplyCodec.MaxLotLength, "lot");
        var reason = reader.Text(SupplyCodec.MaxReasonBytes, "reason");
        reader.End("lot payload");
        return new LotRequest(gtin, lot, reason);
    }

    public string? Validate()
    {
        if (!SupplyCodec.IsLot(Lot))
        {
            return SupplyErrors.InvalidLot;
        }

        // A reason is a short code (e.g. "contamination"), never free text that could carry health data.
        return Reason.Length <= SupplyCodec.MaxReasonBytes && Encoding.ASCII.GetByteCount(Reason) == Reason.Length
            && Reason.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')
            ? null
            : SupplyErrors.InvalidReason;
    }
}
