using System.Collections.Concurrent;
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

    /// <summary>The Raft metadata entry naming a member's API URL, so members added at run time can be forwarded to.</summary>
    public const string ApiMetadata = "carechain.api";

    /// <summary>The Raft metadata entry naming a member's node key, so the leader knows whose endpoint to remove when governance removes the key.</summary>
    public const string KeyMetadata = "carechain.key";

    private readonly Dictionary<string, (HttpClient Http, CarechainClient Client)> _clients;

    /// <summary>Clients of members added at run time that led at some point, by id.</summary>
    private readonly ConcurrentDictionary<string, (HttpClient Http, CarechainClient Client)> _learned = new(StringComparer.Ordinal);
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

    /// <summary>Raft while it runs here (null before it started and once it stopped).</summary>
    internal RaftOrdering? Ordering => Volatile.Read(ref _ordering);

    public ConsortiumOptions Options { get; }

    /// <summary>Applies what Raft delivers; says whether this node diverged or failed.</summary>
    public ReplicatedLedger Ledger { get; }

    /// <summary>True while Raft runs here and this node is the leader.</summary>
    public bool IsLeader => Volatile.Read(ref _ordering)?.IsLeader ?? false;

    /// <summary>
    /// The leader this node knows of (null during an election or before Raft started): a configured
    /// member, or one added at run time, as its Raft metadata describes it.
    /// </summary>
    public ConsortiumMember? Leader
    {
        get
        {
            var ordering = Volatile.Read(ref _ordering);
            if (ordering?.Leader is not { } peer)
            {
                return null;
            }

            return Options.Members.FirstOrDefault(m => m.Id == peer.Id)
                ?? (ordering.LeaderMetadata is { } metadata && metadata.TryGetValue(ApiMetadata, out var api) && Uri.TryCreate(api, UriKind.Absolute, out var url)
                    ? new ConsortiumMember(peer.Id, url, peer.EndPoint)
                    : null);
        }
    }

    /// <summary>A client for the leader's API, or null when no other member is known to lead.</summary>
    public CarechainClient? LeaderClient()
    {
        if (Leader is not { } leader || leader.Id == Options.LocalId)
        {
            return null;
        }

        if (_clients.TryGetValue(leader.Id, out var entry))
        {
            return entry.Client;
        }

        return _learned.GetOrAdd(leader.Id, _ =>
        {
            var http = new HttpClient { BaseAddress = leader.ApiUrl, Timeout = Options.ForwardTimeout };
            http.DefaultRequestHeaders.Add(ForwardedHeader, Options.LocalId);
            return (http, new CarechainClient(http));
        }).Client;
    }

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
        foreach (var (http, _) in _clients.Values.Concat(_learned.Values))
        {
            http.Dispose();
        }
    }
}
