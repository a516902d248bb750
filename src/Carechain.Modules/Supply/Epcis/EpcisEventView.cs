using System.Globalization;
using System.Text.Json.Nodes;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Supply.Epcis;

/// <summary>
/// One history entry as the EPCIS 2.0 event the query answers, without its <c>eventID</c>: EPCs as
/// EPC URNs split at the assigned company prefix, CBV bizStep and disposition as bare terms, the
/// acting organisation as <c>bizLocation</c>, the site as <c>readPoint</c>, a shipment's parties as
/// source and destination lists, and <c>carechain:</c> extensions for reason, transaction and height.
/// Deterministic, because execution hashes it too: an error declaration of an event that was not
/// captured must name the hash of exactly this view (<see cref="QueryDigest"/>).
/// </summary>
public static class EpcisEventView
{
    public const string Context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    public const string CarechainNamespace = "urn:carechain:epcis:";
    public const string OrganisationUrn = "urn:carechain:org:";

    /// <summary>The member of a captured event that carries the supply transaction it stands for (base64): its signature, not its content, so never hashed.</summary>
    public const string TransactionMember = "carechain:signedTransaction";

    /// <summary>The query document's <c>@context</c>: the EPCIS 2.0 context, and <c>carechain:</c> for this chain's extensions.</summary>
    public static JsonArray NewContext() => new(Context, new JsonObject { ["carechain"] = CarechainNamespace });

    /// <summary>The EPC URN of a pack, or its Digital Link when the chain knows no company prefix for its GTIN.</summary>
    public static string Epc(PackId pack, int? prefixLength) =>
        prefixLength is { } length ? Gs1Code.Parse(pack.ToDigitalLink(), 2000).ToEpcUrn(length) : pack.ToDigitalLink();

    /// <summary>The EPC URN of a case or pallet, or its Digital Link when the chain knows no company prefix for it.</summary>
    public static string Epc(Sscc sscc, int? prefixLength) =>
        prefixLength is { } length ? Gs1Code.Parse("(00)" + sscc.Value, 2000).ToEpcUrn(length) : "https://id.gs1.org/00/" + sscc.Value;

    /// <summary>A pack's history entry: packing and unpacking as an AggregationEvent with the SSCC as parent and the pack as child.</summary>
    public static JsonObject Of(PackId pack, SupplyEvent entry, int? prefixLength)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var epc = Epc(pack, prefixLength);
        var aggregation = entry.Kind is SupplyEventKind.Aggregated or SupplyEventKind.Disaggregated && Sscc.TryParse(entry.Reason, out var sscc, out _)
            ? (Epc(sscc, prefixLength), new JsonArray(epc))
            : ((string, JsonArray)?)null;
        return Of(entry, epc, aggregation);
    }

    /// <summary>The CBV 2.0 event hash of a pack's history entry as the query answers it when it was not captured.</summary>
    public static byte[] QueryDigest(PackId pack, SupplyEvent entry, int? prefixLength) => EpcisEventHash.Digest(Of(pack, entry, prefixLength), NewContext());

    /// <summary>
    /// An entry as an EPCIS event about <paramref name="epc"/>: packing and unpacking as an
    /// AggregationEvent naming the parent and the children (<paramref name="aggregation"/>), anything else an ObjectEvent.
    /// </summary>
    public static JsonObject Of(SupplyEvent entry, string epc, (string Parent, JsonArray Children)? aggregation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var packing = entry.Kind is SupplyEventKind.Aggregated or SupplyEventKind.Disaggregated;
        var node = new JsonObject
        {
            ["type"] = packing ? "AggregationEvent" : "ObjectEvent",
            ["eventTime"] = Iso(entry.TimestampMs),
            ["eventTimeZoneOffset"] = "+00:00",
            ["recordTime"] = Iso(entry.TimestampMs),
        };
        if (aggregation is { } parts)
        {
            node["parentID"] = parts.Parent;
            node["childEPCs"] = parts.Children;
        }
        else
        {
            node["epcList"] = new JsonArray(epc);
        }

        node["action"] = entry.Kind switch
        {
            SupplyEventKind.Commissioned or SupplyEventKind.Aggregated => "ADD",
            SupplyEventKind.Decommissioned or SupplyEventKind.Dispensed or SupplyEventKind.Disaggregated => "DELETE",
            _ => "OBSERVE",
        };
        node["bizStep"] = entry.BizStep;
        node["disposition"] = entry.Disposition;
        if (entry.Location.Length > 0)
        {
            node["readPoint"] = new JsonObject { ["id"] = "urn:carechain:location:" + Uri.EscapeDataString(entry.Location) };
        }

        if (entry.Actor is { } actor)
        {
            node["bizLocation"] = new JsonObject { ["id"] = OrganisationUrn + actor.Value };
        }

        if (entry.Kind is SupplyEventKind.Shipped or SupplyEventKind.Returned && entry.Counterparty is { } to && entry.Actor is { } from)
        {
            node["sourceList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["source"] = OrganisationUrn + from.Value });
            node["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = OrganisationUrn + to.Value });
        }

        if (entry.Reason.Length > 0 && !packing)
        {
            node["carechain:reason"] = entry.Reason;
        }

        node["carechain:txId"] = entry.TxId.ToString();
        node["carechain:height"] = entry.Height;
        return node;
    }

    public static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
