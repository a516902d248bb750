namespace Carechain.Client.Contracts;

/// <summary>One page of a patient's records across every custodian; <see cref="Next"/> continues, null on the last page.</summary>
public sealed record PatientRecordsDto(IReadOnlyList<RecordAnchorDto> Records, string? Next);
