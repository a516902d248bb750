namespace Carechain.Client.Contracts;

/// <summary>One read served: who (key, organisation, role), when, which record, and under which right (basis and its id).</summary>
public sealed record AccessEventDto(
    string TxId, string Reader, string? ReaderOrganisation, string? ReaderRole, string RecordId, string Purpose, string Basis, string? BasisId,
    string Node, long Height, long TimestampMs);
