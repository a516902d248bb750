using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Api;

/// <summary>
/// How a consortium follower serves a submission: it hands the raw transaction to the leader's
/// API (only the leader orders), and with wait=true answers once the block holding it is applied
/// on this node, so "committed" here means readable here.
/// </summary>
internal static class TransactionForwarding
{
    private static readonly TimeSpan ElectionGrace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    public static async Task<IResult> SubmitAsync(
        NodeRuntime node, ConsortiumMembership membership, byte[] raw, bool wait, TimeSpan timeout, HttpRequest request)
    {
        var aborted = request.HttpContext.RequestAborted;
        if (request.Headers.ContainsKey(ConsortiumMembership.ForwardedHeader))
        {
            // Leadership moved while the request travelled; forwarding again could loop between members.
            return ApiProblem.For(ApiProblem.NoLeader, "this member stopped leading while the transaction was forwarded to it; retry shortly");
        }

        TxId id;
        try
        {
            id = Transaction.Decode(raw).Id;
        }
        catch (Core.Codec.CodecException ex)
        {
            return ApiProblem.For(LedgerErrors.MalformedTransaction, ex.Message);
        }

        // Register before looking and before forwarding, so a block applied meanwhile is not missed.
        var waiter = wait ? node.Notifier.Register(id) : null;
        if (node.Store.ContainsTransaction(id))
        {
            node.Notifier.Forget(id);
            return TransactionEndpoints.Committed(node, id);
        }

        var problem = await ForwardAsync(membership, raw, aborted).ConfigureAwait(false);
        if (problem is not null)
        {
            node.Notifier.Forget(id);
            return problem;
        }

        return waiter is null
            ? Results.Accepted($"/api/v1/transactions/{id}", new SubmitTransactionResponse(id.ToString(), "pending", null, null))
            : await TransactionEndpoints.AwaitCommitAsync(node, id, waiter, timeout, aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the transaction to the leader; null when the leader admitted it (or has it already).
    /// While a leader is being elected or has just stepped down, it tries again for a short while,
    /// so a client sees an election only when it lasts.
    /// </summary>
    private static async Task<IResult?> ForwardAsync(ConsortiumMembership membership, byte[] raw, CancellationToken aborted)
    {
        var deadline = DateTimeOffset.UtcNow + ElectionGrace;
        while (true)
        {
            var (retryable, problem) = await TryForwardAsync(membership, raw, aborted).ConfigureAwait(false);
            if (!retryable || DateTimeOffset.UtcNow >= deadline)
            {
                return problem;
            }

            await Task.Delay(RetryPause, aborted).ConfigureAwait(false);
        }
    }

    private static async Task<(bool Retryable, IResult? Problem)> TryForwardAsync(ConsortiumMembership membership, byte[] raw, CancellationToken aborted)
    {
        var leader = membership.LeaderClient();
        if (leader is null)
        {
            return (true, ApiProblem.For(ApiProblem.NoLeader, "the consortium is electing a leader; retry shortly"));
        }

        try
        {
            await leader.SubmitTransactionAsync(raw, waitForCommit: false, cancellationToken: aborted).ConfigureAwait(false);
            return (false, null);
        }
        catch (CarechainApiException ex) when (ex.IsUnreachable)
        {
            return (true, ApiProblem.For(ApiProblem.LeaderUnreachable, $"the leader {membership.Leader?.Id} did not answer; retry shortly"));
        }
        catch (CarechainApiException ex)
        {
            // The leader refused it (nonce, signature, guard…) or stepped down meanwhile: pass its verdict on unchanged.
            return (ex.Code == ApiProblem.NoLeader, ApiProblem.Create((int)ex.StatusCode!.Value, ex.Code, ex.Detail ?? ex.Code));
        }
    }
}
