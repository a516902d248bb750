namespace Carechain.Client.Contracts;

public sealed record AnchorPageDto(IReadOnlyList<AnchorDto> Items, string? Next);
