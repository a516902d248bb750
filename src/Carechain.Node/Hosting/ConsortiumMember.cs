using System.Net;

namespace Carechain.Node.Hosting;

/// <summary>One member node of a consortium: its id, the URL of its API, and its Raft endpoint.</summary>
public sealed record ConsortiumMember(string Id, Uri ApiUrl, IPEndPoint RaftEndPoint);
