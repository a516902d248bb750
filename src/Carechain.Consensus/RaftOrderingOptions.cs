namespace Carechain.Consensus;

/// <summary>
/// Settings of one <see cref="RaftOrdering"/> member. <see cref="Validate"/> guarantees that the
/// local id is one of <see cref="Members"/>, that ids and endpoints are unique and that the
/// timeouts are ordered, so a misconfigured node fails at start rather than in an election.
/// </summary>
public sealed record RaftOrderingOptions
{
    /// <summary>The id of this member; must appear in <see cref="Members"/>.</summary>
    public required string LocalId { get; init; }

    /// <summary>
    /// The members this one knows at start, itself included (3 or 5 in practice): the initial
    /// configuration, unless <see cref="JoinsLater"/>. Members added or removed at run time
    /// (<see cref="RaftOrdering.AddMemberAsync"/>) are kept in a membership file beside the log,
    /// which wins over this list when the member restarts.
    /// </summary>
    public required IReadOnlyList<RaftPeer> Members { get; init; }

    /// <summary>
    /// This member joins a running cluster: it is left out of the initial configuration and waits,
    /// taking no part in elections, until the leader adds it (it is caught up from the leader's log
    /// first). <see cref="Announce"/>, when set, asks for that.
    /// </summary>
    public bool JoinsLater { get; init; }

    /// <summary>Called once at start when <see cref="JoinsLater"/>, to ask the cluster to add this member (DotNext's announcer).</summary>
    public Func<CancellationToken, Task>? Announce { get; init; }

    /// <summary>What other members can read of this one (DotNext member metadata); <see cref="RaftOrdering.IdMetadata"/> is added.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where this member's Raft transport binds, when not at its own <see cref="RaftPeer.EndPoint"/>:
    /// the peer endpoint stays its identity and the address others connect to (a forwarder to this one).
    /// </summary>
    public System.Net.IPEndPoint? LocalListenEndPoint { get; init; }

    /// <summary>The folder of this member's Raft write-ahead log; created when missing.</summary>
    public required string LogDirectory { get; init; }

    /// <summary>
    /// The highest log index the caller has already applied durably (0 for none). Committed
    /// entries at or below it are not delivered again after a restart.
    /// </summary>
    public long LastAppliedIndex { get; init; }

    /// <summary>Lower bound of the randomised election timeout.</summary>
    public TimeSpan LowerElectionTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of the randomised election timeout.</summary>
    public TimeSpan UpperElectionTimeout { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>How long one Raft request to a peer may take before the peer counts as unreachable.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>The local member, found by <see cref="LocalId"/>.</summary>
    public RaftPeer Local => Members.First(m => m.Id == LocalId);

    /// <summary>Throws <see cref="ArgumentException"/> describing the first inconsistency found.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(LocalId);
        ArgumentException.ThrowIfNullOrWhiteSpace(LogDirectory);
        ArgumentNullException.ThrowIfNull(Members);
        if (Members.Count == 0)
            throw new ArgumentException("the membership is empty", nameof(Members));
        if (Members.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count() != Members.Count)
            throw new ArgumentException("two members share an id", nameof(Members));
        if (Members.Select(m => m.EndPoint).Distinct().Count() != Members.Count)
            throw new ArgumentException("two members share an endpoint", nameof(Members));
        if (!Members.Any(m => m.Id == LocalId))
            throw new ArgumentException($"local member '{LocalId}' is not in the membership", nameof(LocalId));
        ArgumentNullException.ThrowIfNull(Metadata);
        if (Metadata.ContainsKey(RaftOrdering.IdMetadata))
            throw new ArgumentException($"metadata '{RaftOrdering.IdMetadata}' is the member id, set by the ordering", nameof(Metadata));
        ArgumentOutOfRangeException.ThrowIfNegative(LastAppliedIndex);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LowerElectionTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(UpperElectionTimeout, LowerElectionTimeout);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero);
    }
}
