namespace Carechain.Modules.Supply.Events;

/// <summary>Every kind of event in a pack's history. The byte values are part of the state encoding.</summary>
public enum SupplyEventKind : byte
{
    Commissioned = 0,
    Shipped = 1,
    Received = 2,
    Dispensed = 3,
    Decommissioned = 4,
    Returned = 5,
    Recalled = 6,
    Quarantined = 7,
    Released = 8,
    Verified = 9,
    Aggregated = 10,
    Disaggregated = 11,
    Reinstated = 12,
}
