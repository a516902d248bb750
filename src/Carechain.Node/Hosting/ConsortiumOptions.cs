using Carechain.Core.Crypto;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Genesis;

namespace Carechain.Node.Hosting;

/// <summary>
/// What makes a node a consortium member ordered by Raft instead of a solo dev node: the
/// consortium's genesis and block 0, this node's key and id, and every member. The node takes
/// ownership of <see cref="NodeKey"/> and disposes it when it stops.
/// </summary>
public sealed class ConsortiumOptions
{
    public required string LocalId { get; init; }

    /// <summary>Every member, this node included.</summary>
    public required IReadOnlyList<ConsortiumMember> Members { get; init; }

    /// <summary>
    /// This node joins a running consortium: its node key was added by governance after the others
    /// started, so it is not in their Raft configuration. After catching up it asks the leader to
    /// add it (<c>POST /api/v1/membership/join</c>, signed by its node key) and waits outside Raft until then.
    /// </summary>
    public bool JoinsLater { get; init; }

    /// <summary>This node's key: a node key in force (a genesis one, or one governance added); it signs the blocks it proposes.</summary>
    public required SigningKey NodeKey { get; init; }

    public required GenesisDocument Genesis { get; init; }

    /// <summary>Block 0, the same on every member (signed once by a genesis producer).</summary>
    public required BlockHeader GenesisHeader { get; init; }

    /// <summary>Lower bound of the randomised Raft election timeout.</summary>
    public TimeSpan LowerElectionTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of the randomised Raft election timeout.</summary>
    public TimeSpan UpperElectionTimeout { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>How long a Raft request to a peer may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>How long a follower waits for the leader's API when it forwards a request.</summary>
    public TimeSpan ForwardTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Blocks whose height is a multiple of this are attested and certified. Every block by default:
    /// an attestation costs one signature, one verification per peer and a share of one batched
    /// request per peer, all off the commit path.
    /// </summary>
    public int CertificateInterval { get; init; } = 1;

    /// <summary>How often a follower asks its peers whether it lags and fetches the blocks it lacks (it always does at start).</summary>
    public TimeSpan CatchUpInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a peer that served an invalid block is not asked for blocks again.</summary>
    public TimeSpan BadPeerPause { get; init; } = TimeSpan.FromMinutes(1);

    public ConsortiumMember Local => Members.First(m => m.Id == LocalId);
}
