using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Supply.Events;

/// <summary>
/// One entry of a pack's (or lot's) history, shaped after an EPCIS 2.0 event: what happened
/// (<see cref="Kind"/>), when (block height and time), where (<see cref="Location"/>, the acting
/// organisation), why (<see cref="Reason"/>, the counterparty), and the signed transaction that did it.
/// </summary>
public sealed record SupplyEvent(
    SupplyEventKind Kind, OrganisationId? Actor, Ed25519PublicKey Author, OrganisationId? Counterparty, string Reason, string Location,
    long Height, long TimestampMs, Hash256 TxId)
{
    public const byte FormatVersion = 1;

    public byte[] Encode() =>
        new CanonicalWriter(160).Byte(FormatVersion).Byte((byte)Kind).Organisation(Actor).Key(Author).Organisation(Counterparty).Text(Reason).Text(Location)
            .VarUInt((ulong)Height).VarUInt((ulong)TimestampMs).Hash(TxId).ToArray();

    public static SupplyEvent Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("supply event", FormatVersion);
        var at = reader.Position;
        var kind = reader.Byte();
        if (!Enum.IsDefined((SupplyEventKind)kind))
        {
            throw new CodecException($"unknown supply event kind {kind}", at);
        }

        var actor = SupplyCodec.ReadOrganisation(ref reader);
        var author = reader.Key("author");
        var counterparty = SupplyCodec.ReadOrganisation(ref reader);
        var reason = reader.Text(512, "reason");
        var location = reader.Text(SupplyCodec.MaxLocationBytes, "location");
        var height = (long)reader.VarUInt(long.MaxValue, "height");
        var time = (long)reader.VarUInt(long.MaxValue, "timestamp");
        var tx = reader.Hash("tx id");
        reader.End("supply event");
        return new SupplyEvent((SupplyEventKind)kind, actor, author, counterparty, reason, location, height, time, tx);
    }

    /// <summary>The CBV 2.0 business step of this event (bare JSON-LD term).</summary>
    public string BizStep => Kind switch
    {
        SupplyEventKind.Commissioned => "commissioning",
        SupplyEventKind.Shipped => "shipping",
        SupplyEventKind.Received => "receiving",
        SupplyEventKind.Dispensed => "dispensing",
        SupplyEventKind.Decommissioned => Reason == DecommissionReasons.Destroyed ? "destroying" : "decommissioning",
        SupplyEventKind.Returned => "returning",
        SupplyEventKind.Recalled => "holding",
        SupplyEventKind.Quarantined => "holding",
        SupplyEventKind.Released => "inspecting",
        SupplyEventKind.Verified => "inspecting",
        SupplyEventKind.Aggregated => "packing",
        SupplyEventKind.Disaggregated => "unpacking",
        SupplyEventKind.Reinstated => "inspecting",
        _ => "unknown",
    };

    /// <summary>The CBV 2.0 disposition after this event (bare JSON-LD term).</summary>
    public string Disposition => Kind switch
    {
        SupplyEventKind.Commissioned or SupplyEventKind.Received or SupplyEventKind.Released
            or SupplyEventKind.Aggregated or SupplyEventKind.Disaggregated or SupplyEventKind.Reinstated => "active",
        SupplyEventKind.Shipped => "in_transit",
        SupplyEventKind.Returned => "returned",
        SupplyEventKind.Dispensed => "dispensed",
        SupplyEventKind.Decommissioned => Reason switch
        {
            DecommissionReasons.Stolen => "stolen",
            DecommissionReasons.Destroyed => "destroyed",
            DecommissionReasons.Damaged => "damaged",
            DecommissionReasons.Expired => "expired",
            _ => "inactive",
        },
        SupplyEventKind.Recalled => "recalled",
        SupplyEventKind.Quarantined => "non_sellable_other",
        _ => "unknown",
    };

    public static string KindName(SupplyEventKind kind) => kind switch
    {
        SupplyEventKind.Commissioned => "commissioned",
        SupplyEventKind.Shipped => "shipped",
        SupplyEventKind.Received => "received",
        SupplyEventKind.Dispensed => "dispensed",
        SupplyEventKind.Decommissioned => "decommissioned",
        SupplyEventKind.Returned => "returned",
        SupplyEventKind.Recalled => "recalled",
        SupplyEventKind.Quarantined => "quarantined",
        SupplyEventKind.Released => "released",
        SupplyEventKind.Verified => "verified",
        SupplyEventKind.Aggregated => "aggregated",
        SupplyEventKind.Disaggregated => "disaggregated",
        SupplyEventKind.Reinstated => "reinstated",
        _ => "unknown",
    };
}
