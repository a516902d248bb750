namespace Carechain.Client.Contracts;

/// <summary>What the access policy answers for the caller now, without reading: allowed with a basis, or the refusal code.</summary>
public sealed record AccessDecisionDto(bool Allowed, string? Basis, string? BasisId, string? Code);
