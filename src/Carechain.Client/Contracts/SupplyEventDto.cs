namespace Carechain.Client.Contracts;

/// <summary>One entry of a pack's history: what (kind, CBV bizStep and disposition), who, where, why and when, and the transaction.</summary>
public sealed record SupplyEventDto(
    string Kind, string BizStep, string Disposition, string? Organisation, string? Author, string? Counterparty, string Reason, string? Location,
    long Height, long TimestampMs, string? TxId);
