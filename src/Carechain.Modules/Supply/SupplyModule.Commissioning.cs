using System.Globalization;
using Carechain.Ledger.Execution;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Supply;

/// <summary>Commissioning: a batch of serials comes into existence with its manufacturer, in one write per serial range.</summary>
public sealed partial class SupplyModule
{
    private static Outcome Commission(Execution x, CommissionRequest request)
    {
        if (x.Actor.Organisation is not { } organisation)
        {
            return Fail(SupplyErrors.NoOrganisation);
        }

        var product = x.State.Product(request.Gtin);
        if (product is null)
        {
            return Fail(SupplyErrors.UnknownProduct);
        }

        if (product.Owner != organisation)
        {
            return Fail(SupplyErrors.NotProductOwner);
        }

        if (x.State.PrefixOwnerOf(request.Gtin) != organisation)
        {
            return Fail(SupplyErrors.PrefixNotOwned);
        }

        var lot = x.State.Lot(request.Gtin, request.Lot);
        if (lot is not null && lot.Expiry != request.Expiry)
        {
            return Fail(SupplyErrors.LotExpiryConflict);
        }

        if (lot?.Status == LotStatus.Recalled)
        {
            return Fail(SupplyErrors.LotRecalled);
        }

        var batchId = x.Transaction.Id.Hash;
        var indexes = new Dictionary<(string Prefix, int Width), RangeIndex>();
        foreach (var range in request.Ranges)
        {
            if (!indexes.TryGetValue((range.Prefix, range.Width), out var index))
            {
                index = x.State.Ranges(request.Gtin, range.Prefix, range.Width);
                indexes.Add((range.Prefix, range.Width), index);
            }

            if (!index.TryAdd(range.Start, range.Count, batchId))
            {
                return Fail(SupplyErrors.SerialConflict);
            }
        }

        foreach (var ((prefix, width), index) in indexes)
        {
            x.Put(SupplyState.RangeKey(request.Gtin, prefix, width), index.Encode());
        }

        var count = request.Count;
        x.Put(SupplyState.BatchKey(batchId), new BatchRecord(
            batchId, request.Gtin, request.Lot, request.Expiry, organisation, x.Actor.Key, request.Location, count, x.Block.Height, x.Block.TimestampMs).Encode());
        x.Put(SupplyState.LotKey(request.Gtin, request.Lot), (lot ?? new LotRecord(request.Gtin, request.Lot, request.Expiry, organisation, LotStatus.Active, 0)).Encode());
        return Done(LedgerEvent.Of(
            "supply.commissioned",
            ("gtin", request.Gtin.Value),
            ("lot", request.Lot),
            ("batch", batchId.ToString()),
            ("count", count.ToString(CultureInfo.InvariantCulture))));
    }
}
