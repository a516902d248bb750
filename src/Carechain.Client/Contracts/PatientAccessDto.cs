namespace Carechain.Client.Contracts;

/// <summary>
/// Who saw a patient's records: one page of access events, oldest first, and (on the first page) every
/// break-glass opened for the patient. <see cref="Next"/> continues the events, null on the last page.
/// </summary>
public sealed record PatientAccessDto(IReadOnlyList<AccessEventDto> Events, IReadOnlyList<BreakGlassDto> BreakGlass, string? Next);
