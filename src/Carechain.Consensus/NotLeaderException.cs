using System.Net;

namespace Carechain.Consensus;

/// <summary>
/// A proposal was refused because this member is not (or stopped being) the Raft leader.
/// Carries the leader this member currently knows of, so a caller can forward the proposal.
/// When <see cref="MayStillCommit"/> is false the entry was never appended here and cannot commit;
/// when true, leadership was lost after the entry was appended, so it may still be committed by a
/// later leader and delivered to every member.
/// </summary>
public sealed class NotLeaderException : InvalidOperationException
{
    /// <summary>Creates the exception for a member that knows the given leader (or none).</summary>
    public NotLeaderException(string localId, RaftPeer? leader, bool mayStillCommit, Exception? inner = null)
        : base(Describe(localId, leader, mayStillCommit), inner)
    {
        LeaderId = leader?.Id;
        LeaderEndPoint = leader?.EndPoint;
        MayStillCommit = mayStillCommit;
    }

    /// <summary>The id of the leader known to this member, if any.</summary>
    public string? LeaderId { get; }

    /// <summary>The Raft endpoint of the leader known to this member, if any.</summary>
    public IPEndPoint? LeaderEndPoint { get; }

    /// <summary>Whether the entry had been appended before leadership was lost (outcome unknown).</summary>
    public bool MayStillCommit { get; }

    private static string Describe(string localId, RaftPeer? leader, bool mayStillCommit)
    {
        var where = leader is null ? "no leader is known yet" : $"the leader is '{leader.Id}' at {leader.EndPoint}";
        var outcome = mayStillCommit ? "; leadership was lost after the entry was appended, so it may still commit" : string.Empty;
        return $"member '{localId}' is not the leader: {where}{outcome}";
    }
}
