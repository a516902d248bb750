using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Api;

/// <summary>
/// How a consortium follower serves a submission: it hands the raw transaction (or batch) to the
/// leader's API (only the leader orders), and with wait=true answers once the block holding it is
/// applied on this node, so "committed" here means readable here.
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
    /// How a follower serves a batch: the leader admits it and its per-transaction results are the
    /// answer, unchanged. A batch forwarded to this member by another is not forwarded again.
    /// </summary>
    public static async Task<IResult> SubmitBatchAsync(ConsortiumMembership membership, IReadOnlyList<ReadOnlyMemory<byte>> raw, HttpRequest request)
    {
        if (request.Headers.ContainsKey(ConsortiumMembership.ForwardedHeader))
        {
            var leader = membership.Leader;
            return ApiProblem.For(ApiProblem.NotLeader, leader is null
                ? "this member does not lead and no leader is known yet; retry shortly"
                : $"this member does not lead; the leader is {leader.Id} at {leader.ApiUrl}");
        }

        var (answer, problem) = await ForwardAsync(membership, (leader, ct) => leader.SubmitBatchAsync(raw, ct), request.HttpContext.RequestAborted)
            .ConfigureAwait(false);
        return problem ?? Results.Ok(answer);
    }

    /// <summary>Sends the transaction to the leader; null when the leader admitted it (or has it already).</summary>
    private static async Task<IResult?> ForwardAsync(ConsortiumMembership membership, byte[] raw, CancellationToken aborted) =>
        (await ForwardAsync(membership, (leader, ct) => leader.SubmitTransactionAsync(raw, waitForCommit: false, cancellationToken: ct), aborted)
            .ConfigureAwait(false)).Problem;

    /// <summary>
    /// Sends a request to the leader's API and returns its answer, or the problem to answer instead.
    /// While a leader is being elected or has just stepped down, it tries again for a short while,
    /// so a client sees an election only when it lasts.
    /// </summary>
    private static async Task<(T? Answer, IResult? Problem)> ForwardAsync<T>(
        ConsortiumMembership membership, Func<CarechainClient, CancellationToken, Task<T>> send, CancellationToken aborted)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + ElectionGrace;
        while (true)
        {
            var (answer, retryable, problem) = await TryForwardAsync(membership, send, aborted).ConfigureAwait(false);
            if (problem is null || !retryable || DateTimeOffset.UtcNow >= deadline)
            {
                return (answer, problem);
            }

            await Task.Delay(RetryPause, aborted).ConfigureAwait(false);
        }
    }

    private static async Task<(T? Answer, bool Retryable, IResult? Problem)> TryForwardAsync<T>(
        ConsortiumMembership membership, Func<CarechainClient, CancellationToken, Task<T>> send, CancellationToken aborted)
        where T : class
    {
        var leader = membership.LeaderClient();
        if (leader is null)
        {
            return (null, true, ApiProblem.For(ApiProblem.NoLeader, "the consortium is electing a leader; retry shortly"));
        }

        try
        {
            return (await send(leader, aborted).ConfigureAwait(false), false, null);
        }
        catch (CarechainApiException ex) when (ex.IsUnreachable)
        {
            return (null, true, ApiProblem.For(ApiProblem.LeaderUnreachable, $"the leader {membership.Leader?.Id} did not answer; retry shortly"));
        }
        catch (CarechainApiException ex)
        {
            // The leader refused it (nonce, signature, guard…) or stepped down meanwhile: pass its verdict on unchanged.
            return (null, ex.Code is ApiProblem.NoLeader or ApiProblem.NotLeader, ApiProblem.Create((int)ex.StatusCode!.Value, ex.Code, ex.Detail ?? ex.Code));
        }
    }
}
