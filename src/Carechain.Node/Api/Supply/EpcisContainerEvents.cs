using System.Text.Json.Nodes;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Epcis;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// A case's or pallet's events as an EPCIS 2.0 query document (<c>GET /epcis/events?epc=</c> naming an
/// SSCC): its packing and unpacking as AggregationEvents with the SSCC as <c>parentID</c> and the packs
/// it held as <c>childEPCs</c>, and the custody events applied to it (shipped, received, decommissioned
/// with its contents) as ObjectEvents naming the SSCC, in the form <see cref="EpcisEvents"/> gives a pack's.
/// </summary>
internal static class EpcisContainerEvents
{
    public static JsonObject QueryDocument(SupplyState state, LedgerStore store, Sscc sscc, IReadOnlyList<SupplyEvent> history, bool parties, long nowMs)
    {
        var context = EpcisEventView.NewContext();
        var epc = EpcisEventView.Epc(sscc, state.PrefixRecordOf(sscc)?.Prefix.Value.Length);
        var events = new JsonArray();
        JsonArray? packed = null;
        foreach (var entry in history)
        {
            (string, JsonArray)? aggregation = null;
            if (entry.Kind == SupplyEventKind.Aggregated)
            {
                packed = Children(state, store, entry);
                aggregation = (epc, packed.DeepClone().AsArray());
            }
            else if (entry.Kind == SupplyEventKind.Disaggregated)
            {
                // Unpacking names no packs on the chain: it releases all the container held, which the packing named.
                aggregation = (epc, packed?.DeepClone().AsArray() ?? []);
                packed = null;
            }

            events.Add(EpcisEvents.ToEpcis(entry, epc, aggregation, store, context, parties));
        }

        return EpcisEvents.Document(context, events, nowMs);
    }

    /// <summary>The packs a packing put in the container, from its transaction.</summary>
    private static JsonArray Children(SupplyState state, LedgerStore store, SupplyEvent packing)
    {
        var tx = store.ReadTransaction(new TxId(packing.TxId))?.Transaction ?? throw new InvalidDataException($"the packing transaction {packing.TxId} is not in the store");
        var children = AggregationRequest.Decode(tx.Payload.Span).Children;
        return [.. children.Select(p => (JsonNode)EpcisEventView.Epc(p, state.PrefixRecordOf(p.Gtin)?.Prefix.Value.Length))];
    }
}
