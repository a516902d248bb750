using System.Security.Claims;
using Carechain.Ledger.State;
using Carechain.Modules.Governance;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Verification;
using Carechain.Node.Auth;
using Carechain.Node.Hosting;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// The API's reads of the supply state: one <see cref="SupplyReadCache"/> per committed block, so
/// the catalogue records every scan needs (product, prefix owner, serial ranges, batch, lot, the
/// scanning key's organisation) are read and decoded once per block instead of once per scan. The
/// version is the node's next-block signal, replaced after every committed block however it
/// arrived: a reader that sees the new signal starts a new cache, so nothing cached survives the
/// block that changed it.
/// </summary>
internal sealed class SupplyReads(NodeRuntime node)
{
    private Version _current = new(Task.CompletedTask, new SupplyReadCache());

    /// <summary>The state for one request, with this block's cache.</summary>
    public SupplyState State() => new(new ModuleStateReader(node.Store, SupplyModule.ModuleName), Cache());

    /// <summary>The state without a cache, for a reader that outlives a block (an alert stream, a long poll).</summary>
    public SupplyState LiveState() => new(new ModuleStateReader(node.Store, SupplyModule.ModuleName));

    public Permissions Permissions() => new(node.Store, node.Chain.Genesis);

    /// <summary>The disclosure rule for the caller (by bearer token; anonymous otherwise), for every history one request answers.</summary>
    public HistoryDisclosure DisclosureFor(ClaimsPrincipal user) => HistoryDisclosure.For(Permissions(), user.AuthenticatedKey());

    /// <summary>Whether the caller sees the parties of this one history (<see cref="HistoryDisclosure"/>).</summary>
    public bool ShowsParties(ClaimsPrincipal user, IEnumerable<SupplyEvent> history) => DisclosureFor(user).ShowsParties(history);

    private SupplyReadCache Cache()
    {
        // Taken before any read: a block committing after it only makes this cache end sooner.
        var block = node.Notifier.NextBlock;
        var current = Volatile.Read(ref _current);
        if (ReferenceEquals(current.Block, block))
        {
            return current.Cache;
        }

        var fresh = new Version(block, new SupplyReadCache());
        var seen = Interlocked.CompareExchange(ref _current, fresh, current);
        return ReferenceEquals(seen, current) || !ReferenceEquals(seen.Block, block) ? fresh.Cache : seen.Cache;
    }

    private sealed record Version(Task Block, SupplyReadCache Cache);
}
