using System.Globalization;
using Carechain.Client.Contracts;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Verification;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// Supply records to wire contracts. Without <c>parties</c> (<see cref="HistoryDisclosure"/>) an event
/// leaves out who and where: organisation, key, counterparty, site and transaction are null, and a
/// pack leaves out its holder and receiver.
/// </summary>
internal static class SupplyDtoMapping
{
    public static SupplyEventDto ToDto(this SupplyEvent e, bool parties) => parties
        ? new(SupplyEvent.KindName(e.Kind), e.BizStep, e.Disposition, e.Actor?.Value, e.Author.ToString(), e.Counterparty?.Value, e.Reason, e.Location,
            e.Height, e.TimestampMs, e.TxId.ToString())
        : new(SupplyEvent.KindName(e.Kind), e.BizStep, e.Disposition, null, null, null, e.Reason, null, e.Height, e.TimestampMs, null);

    public static IReadOnlyList<SupplyEventDto> ToDto(this IReadOnlyList<SupplyEvent> history, bool parties) => [.. history.Select(e => e.ToDto(parties))];

    public static VerificationDto ToDto(this VerificationRecord r, IReadOnlyList<SupplyEvent> history, bool parties) => new(
        r.TxId.ToString(), r.Pack.Gtin.Value, r.Pack.Serial, r.Status, r.Reasons, r.Height, r.AlertSequence, history.ToDto(parties));

    public static SupplyAlertDto ToAlertDto(this VerificationRecord r) => new(
        r.AlertSequence, r.TxId.ToString(), r.Pack.Gtin.Value, r.Pack.Serial, r.Reasons, r.Verifier.ToString(), r.Organisation?.Value, r.Location, r.Height, r.TimestampMs);

    public static PackDto ToDto(this PackState pack, PackId id, BatchRecord batch, LotRecord lot, IReadOnlyList<SupplyEvent> history, bool parties) => new(
        id.Gtin.Value, id.Serial, batch.Lot, batch.Expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Name(lot.Status), batch.Manufacturer.Value,
        parties ? pack.Holder.Value : null, Name(pack.Status), parties ? pack.Receiver?.Value : null, history.ToDto(parties));

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
