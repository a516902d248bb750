using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Carechain.Core.Hashing;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// A pack's history as an EPCIS 2.0 JSON-LD query document: one ObjectEvent per entry, with the
/// pack's GS1 Digital Link in <c>epcList</c>, CBV bizStep and disposition as bare terms, the acting
/// organisation as <c>bizLocation</c>, the site as <c>readPoint</c>, and for shipping the owning
/// parties in <c>sourceList</c>/<c>destinationList</c>. The event id is
/// <c>ni:///sha-256;{sha256(tx id, epc, kind)}</c>: stable, and unique per pack and transaction.
/// </summary>
internal static class EpcisEvents
{
    public const string Context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    private const string OrganisationUrn = "urn:carechain:org:";

    public static JsonObject QueryDocument(PackId pack, IReadOnlyList<SupplyEvent> history, long nowMs)
    {
        var events = new JsonArray();
        foreach (var entry in history)
        {
            events.Add(ToEpcis(pack, entry));
        }

        return new JsonObject
        {
            ["@context"] = Context,
            ["type"] = "EPCISQueryDocument",
            ["schemaVersion"] = "2.0",
            ["creationDate"] = Iso(nowMs),
            ["epcisBody"] = new JsonObject
            {
                ["queryResults"] = new JsonObject
                {
                    ["queryName"] = "SimpleEventQuery",
                    ["resultsBody"] = new JsonObject { ["eventList"] = events },
                },
            },
        };
    }

    private static JsonObject ToEpcis(PackId pack, SupplyEvent entry)
    {
        var epc = pack.ToDigitalLink();
        var id = Hash256.Sha256(Encoding.UTF8.GetBytes($"{entry.TxId}|{epc}|{(byte)entry.Kind}"));
        var node = new JsonObject
        {
            ["type"] = "ObjectEvent",
            ["eventID"] = $"ni:///sha-256;{id}?ver=CBV2.0",
            ["eventTime"] = Iso(entry.TimestampMs),
            ["eventTimeZoneOffset"] = "+00:00",
            ["recordTime"] = Iso(entry.TimestampMs),
            ["epcList"] = new JsonArray(epc),
            ["action"] = entry.Kind switch
            {
                SupplyEventKind.Commissioned => "ADD",
                SupplyEventKind.Decommissioned or SupplyEventKind.Dispensed => "DELETE",
                _ => "OBSERVE",
            },
            ["bizStep"] = entry.BizStep,
            ["disposition"] = entry.Disposition,
        };
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

        if (entry.Reason.Length > 0)
        {
            node["carechain:reason"] = entry.Reason;
        }

        node["carechain:txId"] = entry.TxId.ToString();
        node["carechain:height"] = entry.Height;
        return node;
    }

    private static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
