namespace Carechain.Client.Contracts;

/// <summary>
/// An RFC 9457 problem document (application/problem+json) as the node sends it for every
/// refusal, with the extra member <c>code</c>: the stable, machine-readable error code.
/// Every member is optional on the wire, so a reader must not assume any is present.
/// </summary>
public sealed record ProblemDto(string? Type, string? Title, int? Status, string? Detail, string? Code);
