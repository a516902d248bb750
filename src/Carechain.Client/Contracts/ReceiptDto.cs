namespace Carechain.Client.Contracts;

public sealed record ReceiptDto(string Status, string? ErrorCode, IReadOnlyList<EventDto> Events);
