using Carechain.Ledger.Chain;
using Carechain.Modules.Governance;

namespace Carechain.Node.Hosting;

/// <summary>
/// <see cref="Permissions"/> at this node's committed head, remembering each key's standing until
/// the next block: a node answering thousands of requests a second from the same clinicians reads
/// their standing from the store once per block instead of several times per request. The chain
/// stores a block's state before it makes the block the head, so an instance taken at head h only
/// ever holds answers from state h or later, and the first request that sees a newer head starts a
/// fresh one: a revocation takes effect with its block, as when every request read the store.
/// </summary>
internal sealed class HeadPermissions(LedgerChain chain)
{
    private AtHeight? _current;

    public Permissions Current()
    {
        var height = chain.Head.Height;
        var current = Volatile.Read(ref _current);
        if (current?.Height == height)
        {
            return current.Permissions;
        }

        var fresh = new AtHeight(height, new Permissions(chain.Store, chain.Genesis).Remembering());
        if (current is null || current.Height < height)
        {
            // Heights only move up: a request that read an older head never replaces a newer instance.
            Interlocked.CompareExchange(ref _current, fresh, current);
        }

        return fresh.Permissions;
    }

    private sealed record AtHeight(long Height, Permissions Permissions);
}
