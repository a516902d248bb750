namespace Carechain.Client.Contracts;

/// <summary>Alerts in the order they were raised; pass <see cref="Next"/> as <c>after</c> to continue (it is the last sequence returned).</summary>
public sealed record SupplyAlertPageDto(IReadOnlyList<SupplyAlertDto> Items, long Next);
