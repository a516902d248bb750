namespace Carechain.Client.Contracts;

/// <summary>A consent grant. <see cref="Status"/> is active, expired or revoked at the node's time of answering.</summary>
public sealed record ConsentGrantDto(
    string GrantId, string Patient, string GranteeKind, string Grantee, IReadOnlyList<string> ResourceTypes, IReadOnlyList<string> RecordIds,
    string Purpose, long ExpiresAtMs, long Height, long TimestampMs, long? RevokedHeight, long? RevokedAtMs, string Status);
