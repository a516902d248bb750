using System.Net;
using DotNext.Buffers;
using DotNext.Net;
using DotNext.Net.Cluster.Consensus.Raft.Membership;

namespace Carechain.Consensus;

/// <summary>
/// A member's Raft membership (the endpoints of the configuration in force), kept in a file beside its
/// log with DotNext's persistent configuration storage. DotNext writes it each time a membership
/// change commits (fsynced, versioned by the log index of the change), and a member that restarts
/// loads it before it takes part in anything, so it counts quorums by the members that governance
/// added or removed, not by the list it was first configured with.
/// </summary>
internal sealed class RaftMembershipFile(string path, IEqualityComparer<EndPoint> comparer) : PersistentClusterConfigurationStorage<EndPoint>(path)
{
    /// <summary>The file's name in the member's log folder.</summary>
    public const string FileName = "membership";

    protected override IEqualityComparer<EndPoint> Comparer => comparer;

    protected override void Encode(EndPoint address, ref BufferWriterSlim<byte> writer) => writer.WriteEndPoint(address);

    protected override EndPoint Decode(ref SequenceReader reader) => reader.ReadEndPoint();
}
