namespace Carechain.Node.Hosting;

/// <summary>One member as a node config lists it: id, API URL, and Raft endpoint (host:port).</summary>
public sealed record ConsortiumMemberConfig(string Id, string Url, string Raft);
