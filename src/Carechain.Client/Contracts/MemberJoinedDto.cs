namespace Carechain.Client.Contracts;

/// <summary>The leader's answer to a join: the member id it added (or found already a member) to the Raft cluster.</summary>
public sealed record MemberJoinedDto(string Id, string AddedBy);
