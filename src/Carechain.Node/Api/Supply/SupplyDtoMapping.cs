using System.Globalization;
using Carechain.Client.Contracts;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Verification;

namespace Carechain.Node.Api.Supply;

/// <summary>Supply records to wire contracts.</summary>
internal static class SupplyDtoMapping
{
    public static SupplyEventDto ToDto(this SupplyEvent e) => new(
        SupplyEvent.KindName(e.Kind), e.BizStep, e.Disposition, e.Actor?.Value, e.Author.ToString(), e.Counterparty?.Value, e.Reason, e.Location,
        e.Height, e.TimestampMs, e.TxId.ToString());

    public static VerificationDto ToDto(this VerificationRecord r, IReadOnlyList<SupplyEvent> history) => new(
        r.TxId.ToString(), r.Pack.Gtin.Value, r.Pack.Serial, r.Status, r.Reasons, r.Height, r.AlertSequence, [.. history.Select(ToDto)]);

    public static SupplyAlertDto ToAlertDto(this VerificationRecord r) => new(
        r.AlertSequence, r.TxId.ToString(), r.Pack.Gtin.Value, r.Pack.Serial, r.Reasons, r.Verifier.ToString(), r.Organisation?.Value, r.Location, r.Height, r.TimestampMs);

    public static PackDto ToDto(this PackState pack, PackId id, BatchRecord batch, LotRecord lot, IReadOnlyList<SupplyEvent> history) => new(
        id.Gtin.Value, id.Serial, batch.Lot, batch.Expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Name(lot.Status), batch.Manufacturer.Value,
        pack.Holder.Value, Name(pack.Status), pack.Receiver?.Value, [.. history.Select(ToDto)]);

    private static string Name(PackStatus status) => status switch
    {
        PackStatus.Active => "active",
        PackStatus.InTransit => "in_transit",
        PackStatus.ReturnInTransit => "return_in_transit",
        PackStatus.Returned => "returned",
        PackStatus.Dispensed => "dispensed",
        _ => "decommissioned",
    };

    private static string Name(LotStatus status) => status switch
    {
        LotStatus.Active => "active",
        LotStatus.Quarantined => "quarantined",
        _ => "recalled",
    };
}
