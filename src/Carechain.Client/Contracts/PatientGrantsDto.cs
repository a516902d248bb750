namespace Carechain.Client.Contracts;

/// <summary>One page of a patient's grants, oldest id first; <see cref="Next"/> continues, null on the last page.</summary>
public sealed record PatientGrantsDto(IReadOnlyList<ConsentGrantDto> Grants, string? Next);
