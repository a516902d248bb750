using Carechain.Client;
using Carechain.Consensus;
using Carechain.Ledger.Replication;

namespace Carechain.Node.Hosting;

/// <summary>
/// A consortium member's view of the consortium while it runs: whether it leads, who does, and a
/// typed client for the leader's API so a follower can forward what only the leader can do.
/// </summary>
public sealed class ConsortiumMembership : IDisposable
{
    /// <summary>Marks a request one member forwarded to another, which must not forward it again.</summary>
    public const string ForwardedHeader = "X-Carechain-Forwarded-By";

    private readonly Dictionary<string, (HttpClient Http, CarechainClient Client)> _clients;
    private RaftOrdering? _ordering;

    internal ConsortiumMembership(ConsortiumOptions options, ReplicatedLedger ledger)
    {
        Options = options;
        Ledger = ledger;
        _clients = options.Members.Where(m => m.Id != options.LocalId).ToDictionary(
            m => m.Id,
            m =>
            {
                var http = new HttpClient { BaseAddress = m.ApiUrl, Timeout = options.ForwardTimeout };
                http.DefaultRequestHeaders.Add(ForwardedHeader, options.LocalId);
                return (http, new CarechainClient(http));
            },
            StringComparer.Ordinal);
    }

    public ConsortiumOptions Options { get; }

    /// <summary>Applies what Raft delivers; says whether this node diverged or failed.</summary>
    public ReplicatedLedger Ledger { get; }

    /// <summary>True while Raft runs here and this node is the leader.</summary>
    public bool IsLeader => Volatile.Read(ref _ordering)?.IsLeader ?? false;

    /// <summary>The leader this node knows of (null during an election or before Raft started).</summary>
    public ConsortiumMember? Leader =>
        Volatile.Read(ref _ordering)?.Leader is { } peer ? Options.Members.FirstOrDefault(m => m.Id == peer.Id) : null;

    /// <summary>A client for the leader's API, or null when no other member is known to lead.</summary>
    public CarechainClient? LeaderClient() =>
        Leader is { } leader && _clients.TryGetValue(leader.Id, out var entry) ? entry.Client : null;

    /// <summary>A client for every other member's API, by member id.</summary>
    public IReadOnlyList<(string Id, CarechainClient Client)> PeerClients() => [.. _clients.Select(c => (c.Key, c.Value.Client))];

    /// <summary>Every other member's API as a source of blocks for catch-up.</summary>
    internal IReadOnlyList<IBlockSource> PeerSources() => [.. _clients.Select(c => new PeerBlockSource(c.Key, c.Value.Client))];

    /// <summary>Gives up leadership so that another member leads; false when this node did not lead.</summary>
    public Task<bool> StepDownAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _ordering) is { } ordering ? ordering.ResignAsync(cancellationToken) : Task.FromResult(false);

    internal void Attach(RaftOrdering? ordering) => Volatile.Write(ref _ordering, ordering);

    public void Dispose()
    {
        foreach (var (http, _) in _clients.Values)
        {
            http.Dispose();
        }
    }
}
