using System.Net;

namespace Carechain.Node.Hosting;

/// <summary>
/// One member node of a consortium: its id, the URL of its API, and its Raft endpoint, which is also
/// its identity in Raft. <see cref="RaftListenEndPoint"/>, when given, is where this member's Raft
/// transport binds instead (the endpoint others reach is then a forwarder to it, such as a proxy).
/// </summary>
public sealed record ConsortiumMember(string Id, Uri ApiUrl, IPEndPoint RaftEndPoint, IPEndPoint? RaftListenEndPoint = null);
