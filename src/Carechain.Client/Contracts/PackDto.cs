namespace Carechain.Client.Contracts;

/// <summary>A commissioned pack now: lot, expiry (ISO date), manufacturer, holder, status (active, in_transit, dispensed, decommissioned) and history.</summary>
public sealed record PackDto(
    string Gtin, string Serial, string Lot, string Expiry, string LotStatus, string Manufacturer, string? Holder, string Status, string? Receiver,
    IReadOnlyList<SupplyEventDto> History);
