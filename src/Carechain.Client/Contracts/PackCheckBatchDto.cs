namespace Carechain.Client.Contracts;

/// <summary>The answers to a batch check, one per code in the order sent.</summary>
public sealed record PackCheckBatchDto(IReadOnlyList<PackCheckResultDto> Results);
