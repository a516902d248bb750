using System.Net;

namespace Carechain.Consensus;

/// <summary>
/// One member of the static Raft membership: a stable id from the consortium configuration and
/// the TCP endpoint its Raft transport listens on. Two peers are the same member when their ids match.
/// </summary>
public sealed record RaftPeer
{
    /// <summary>Creates a peer; the id must be non-empty and the endpoint given.</summary>
    public RaftPeer(string id, IPEndPoint endPoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(endPoint);
        Id = id;
        EndPoint = endPoint;
    }

    /// <summary>The member's id as named in the consortium configuration.</summary>
    public string Id { get; }

    /// <summary>The address the member's Raft transport listens on and is reached at.</summary>
    public IPEndPoint EndPoint { get; }
}
