using Carechain.Consensus;
using Carechain.Core.Crypto;
using Carechain.Ledger.Chain;
using Microsoft.Extensions.Logging;

namespace Carechain.Node.Hosting;

/// <summary>
/// Keeps the Raft configuration within the node set governance decides: while this member leads, a
/// member whose node key (as its Raft metadata names it) is no longer in force is removed from the
/// cluster, so Raft quorums stop counting it. Members are added by their own signed join request
/// (<see cref="MemberJoinAnnouncer"/>), since only they know where they run.
/// </summary>
internal sealed partial class MembershipReconciler(LedgerChain chain, RaftOrdering raft, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
                if (raft.IsLeader)
                {
                    await RemoveRetiredAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The member stops.
        }
    }

    private async Task RemoveRetiredAsync(CancellationToken cancellationToken)
    {
        var height = chain.Head.Height + 1;
        var inForce = chain.NodeSetAt(height);
        foreach (var (endPoint, metadata) in await raft.MembersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!metadata.TryGetValue(ConsortiumMembership.KeyMetadata, out var hex) || !Ed25519PublicKey.TryParse(hex, out var key)
                || inForce.Contains(key) || key == chain.NodeKey)
            {
                continue;
            }

            try
            {
                if (await raft.RemoveMemberAsync(endPoint, cancellationToken).ConfigureAwait(false))
                {
                    LogRemoved(logger, endPoint.ToString(), key, height);
                }
            }
            catch (NotLeaderException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Removed the Raft member at {EndPoint}: its node key {Key} is not in force at height {Height}")]
    private static partial void LogRemoved(ILogger logger, string endPoint, Ed25519PublicKey key, long height);
}
