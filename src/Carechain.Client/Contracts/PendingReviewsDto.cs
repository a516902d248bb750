namespace Carechain.Client.Contracts;

/// <summary>One page of an organisation's break-glasses awaiting review; <see cref="Next"/> continues, null on the last page.</summary>
public sealed record PendingReviewsDto(IReadOnlyList<BreakGlassDto> BreakGlass, string? Next);
