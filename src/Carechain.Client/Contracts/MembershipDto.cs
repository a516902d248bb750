namespace Carechain.Client.Contracts;

/// <summary>
/// A node's place in its consortium (<c>GET /api/v1/membership</c>): its member id, whether it leads
/// the Raft ordering (<c>leader</c>) or not (<c>follower</c>, also during an election), and the leader
/// it knows of (null during an election). A solo dev node answers id <c>dev</c>, role <c>leader</c>.
/// </summary>
public sealed record MembershipDto(string Id, string Role, string? Leader);
