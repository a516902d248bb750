using System.Globalization;
using System.Text.Json.Nodes;
using Carechain.Modules.Supply.Epcis;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// A pack's history as an EPCIS 2.0 JSON-LD query document, in standard form: EPCs as EPC URNs of
/// the GS1 Tag Data Standard (<c>urn:epc:id:sgtin:…</c>; cases and pallets <c>urn:epc:id:sscc:…</c>,
/// split at the company prefix the chain assigned), CBV 2.0 bizStep, disposition and
/// source/destination types as bare terms throughout; packing and unpacking as AggregationEvents
/// with the SSCC as <c>parentID</c>, every other entry an ObjectEvent; the acting organisation as
/// <c>bizLocation</c>, the site as <c>readPoint</c>. An undone dispense or decommission carries the
/// undo as its <c>errorDeclaration</c> (declarationTime, CBV reason), as the standard has a query
/// answer a declared event; the undo is no event of its own. The <c>eventID</c> is the CBV 2.0 event hash
/// (<see cref="EpcisEventHash"/>): of the event as it was captured when it came through
/// <c>/epcis/capture</c> (its transaction carries it), else of the event as written here in full.
/// Without <c>parties</c> (<see cref="Modules.Supply.Verification.HistoryDisclosure"/>) the events
/// leave out who and where: <c>readPoint</c>, <c>bizLocation</c>, the source and destination lists
/// and the transaction ids; their <c>eventID</c> is the same as in the full answer.
/// </summary>
internal static class EpcisEvents
{

    public static JsonObject QueryDocument(SupplyState state, LedgerStore store, PackId pack, IReadOnlyList<SupplyEvent> history, bool parties, long nowMs)
    {
        var context = EpcisEventView.NewContext();
        var prefixLength = state.PrefixRecordOf(pack.Gtin)?.Prefix.Value.Length;
        var events = new JsonArray();
        var declared = Declarations(history);
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Kind == SupplyEventKind.Reinstated)
            {
                continue;
            }

            var node = ToEpcis(pack, history[i], prefixLength, store, context, parties);
            if (declared.TryGetValue(i, out var undo))
            {
                var declaration = new JsonObject { ["declarationTime"] = EpcisEventView.Iso(undo.TimestampMs), ["reason"] = undo.Reason };
                if (parties)
                {
                    declaration["carechain:txId"] = undo.TxId.ToString();
                }

                node["errorDeclaration"] = declaration;
            }

            events.Add(node);
        }

        return Document(context, events, nowMs);
    }

    public static JsonObject Document(JsonArray context, JsonArray events, long nowMs) => new()
    {
        ["@context"] = context,
        ["type"] = "EPCISQueryDocument",
        ["schemaVersion"] = "2.0",
        ["creationDate"] = EpcisEventView.Iso(nowMs),
        ["epcisBody"] = new JsonObject
        {
            ["queryResults"] = new JsonObject
            {
                ["queryName"] = "SimpleEventQuery",
                ["resultsBody"] = new JsonObject { ["eventList"] = events },
            },
        },
    };

    /// <summary>
    /// The eventID the query answers for one entry of the pack's history: what a client copies, adds an
    /// <c>errorDeclaration</c> to, and captures to declare the event in error.
    /// </summary>
    public static string EventIdOf(SupplyState state, LedgerStore store, PackId pack, SupplyEvent entry)
    {
        ArgumentNullException.ThrowIfNull(state);
        var context = EpcisEventView.NewContext();
        return (string)ToEpcis(pack, entry, state.PrefixRecordOf(pack.Gtin)?.Prefix.Value.Length, store, context, parties: true)["eventID"]!;
    }

    /// <summary>
    /// Which dispense or decommission each undo declared in error (by their index in the history): an
    /// undo reinstates the pack from its latest inactivation. In EPCIS the undo is not an event of its
    /// own but that event's <c>errorDeclaration</c>.
    /// </summary>
    private static Dictionary<int, SupplyEvent> Declarations(IReadOnlyList<SupplyEvent> history)
    {
        var declared = new Dictionary<int, SupplyEvent>();
        int? inactivation = null;
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Kind is SupplyEventKind.Dispensed or SupplyEventKind.Decommissioned)
            {
                inactivation = i;
            }
            else if (history[i].Kind == SupplyEventKind.Reinstated && inactivation is { } corrected)
            {
                declared[corrected] = history[i];
                inactivation = null;
            }
        }

        return declared;
    }

    private static JsonObject ToEpcis(PackId pack, SupplyEvent entry, int? prefixLength, LedgerStore store, JsonNode context, bool parties) =>
        Identified(EpcisEventView.Of(pack, entry, prefixLength), entry, store, context, parties);

    /// <summary>
    /// One history entry as an EPCIS event about <paramref name="epc"/> (<see cref="EpcisEventView"/>), with its eventID;
    /// without <paramref name="parties"/> the who and where are taken out after the eventID is computed.
    /// </summary>
    public static JsonObject ToEpcis(
        SupplyEvent entry, string epc, (string Parent, JsonArray Children)? aggregation, LedgerStore store, JsonNode context, bool parties) =>
        Identified(EpcisEventView.Of(entry, epc, aggregation), entry, store, context, parties);

    private static JsonObject Identified(JsonObject node, SupplyEvent entry, LedgerStore store, JsonNode context, bool parties)
    {
        node["eventID"] = CapturedEventId(store, entry) ?? EpcisEventHash.Compute(node, context);
        if (!parties)
        {
            foreach (var who in (string[])["readPoint", "bizLocation", "sourceList", "destinationList", "carechain:txId"])
            {
                node.Remove(who);
            }
        }

        return node;
    }

    /// <summary>The hash id of the captured EPCIS event the entry's transaction applied, if it came through a capture.</summary>
    private static string? CapturedEventId(LedgerStore store, SupplyEvent entry)
    {
        if (entry.Kind is SupplyEventKind.Verified or SupplyEventKind.Recalled or SupplyEventKind.Quarantined or SupplyEventKind.Released
            || store.ReadTransaction(new TxId(entry.TxId))?.Transaction is not { Module: SupplyModule.ModuleName } tx)
        {
            return null;
        }

        try
        {
            var hash = tx.Operation switch
            {
                SupplyOperations.Commission => CommissionRequest.Decode(tx.Payload.Span).EventHash,
                SupplyOperations.Aggregate or SupplyOperations.Disaggregate => AggregationRequest.Decode(tx.Payload.Span).EventHash,
                var op when SupplyOperations.CustodyActionOf(op) is not null => CustodyRequest.Decode(tx.Payload.Span).EventHash,
                _ => null,
            };
            return hash is { } h ? EpcisEventHash.IdOf(h.ToArray()) : null;
        }
        catch (Core.Codec.CodecException)
        {
            return null;
        }
    }
}
