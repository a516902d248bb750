namespace Carechain.Client.Contracts;

/// <summary>A read-only check of a scan: <c>authentic</c> or <c>suspect</c> with every reason code, and the pack's history. Nothing is recorded.</summary>
public sealed record PackCheckDto(string Status, IReadOnlyList<string> Reasons, IReadOnlyList<SupplyEventDto> History);
