namespace Carechain.Client.Contracts;

/// <summary>A suspect verification raised for regulators: its sequence number, the pack, the reasons, who scanned it, where and when.</summary>
public sealed record SupplyAlertDto(
    long Sequence, string TxId, string Gtin, string Serial, IReadOnlyList<string> Reasons, string Verifier, string? Organisation, string Location,
    long Height, long TimestampMs);
