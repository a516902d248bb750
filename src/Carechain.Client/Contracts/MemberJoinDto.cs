namespace Carechain.Client.Contracts;

/// <summary>
/// A member's request to join the consortium's Raft cluster (<c>POST /api/v1/membership/join</c>):
/// its id, API URL and Raft endpoint (host:port), signed by its node key (hex) with <c>DomainTag.MemberJoin</c>.
/// </summary>
public sealed record MemberJoinDto(string Id, string Url, string Raft, string NodeKey, string Signature);
