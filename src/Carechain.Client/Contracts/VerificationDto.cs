namespace Carechain.Client.Contracts;

/// <summary>A recorded verification: <c>authentic</c> or <c>suspect</c> with every reason code, the alert it raised (0 if none) and the pack's history.</summary>
public sealed record VerificationDto(
    string TxId, string Gtin, string Serial, string Status, IReadOnlyList<string> Reasons, long Height, long Alert, IReadOnlyList<SupplyEventDto> History);
