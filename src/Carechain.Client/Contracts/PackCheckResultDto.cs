namespace Carechain.Client.Contracts;

/// <summary>
/// One scan's answer in a batch check, in the order sent: <c>authentic</c> or <c>suspect</c> with
/// every reason and the history, or <c>unreadable</c> with <see cref="Error"/> saying which AI, where and why.
/// </summary>
public sealed record PackCheckResultDto(string Code, string Status, IReadOnlyList<string> Reasons, IReadOnlyList<SupplyEventDto> History, string? Error);
