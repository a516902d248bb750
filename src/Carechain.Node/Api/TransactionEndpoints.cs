using Carechain.Client.Contracts;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api;

/// <summary>
/// Submitting transactions (one, or a batch) and reading them back with their receipts. On a
/// consortium follower both are forwarded to the leader (<see cref="TransactionForwarding"/>).
/// </summary>
internal static class TransactionEndpoints
{
    private const int MaxBatch = 10_000;
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(2);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/transactions", SubmitAsync).WithName("SubmitTransaction").Accepts<SubmitTransactionRequest>("application/json")
            .Produces<SubmitTransactionResponse>().Produces<SubmitTransactionResponse>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/transactions/batch", SubmitBatchAsync).WithName("SubmitTransactionBatch").Accepts<SubmitBatchRequest>("application/json").Produces<SubmitBatchResponse>();
        api.MapGet("/transactions/{txId}", Get).WithName("GetTransaction").Produces<TransactionDto>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, NodeRuntime node, string? wait, string? timeoutMs)
    {
        var (request, problem) = await RequestBody.ReadAsync<SubmitTransactionRequest>(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryDecodeBase64(request!.Transaction, out var raw))
        {
            return ApiProblem.For(LedgerErrors.MalformedTransaction, "transaction must be base64 of the canonical transaction bytes");
        }

        if (!QueryValues.TryFlag(wait, out var shouldWait) || !QueryValues.TryTimeout(timeoutMs, DefaultWait, MaxWait, out var timeout))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "wait must be true or false; timeoutMs a positive number of milliseconds");
        }

        if (node.Stopped is { } stopped)
        {
            return ApiProblem.For(stopped.Code, stopped.Detail);
        }

        if (node.Membership is { IsLeader: false } membership)
        {
            return await TransactionForwarding.SubmitAsync(node, membership, raw, shouldWait, timeout, http.Request).ConfigureAwait(false);
        }

        TxId? preview = TryPeekId(raw);
        var waiter = shouldWait && preview is { } id ? node.Notifier.Register(id) : null;
        var result = node.Admission.Admit(raw);
        switch (result.Status)
        {
            case AdmissionStatus.Refused:
                ForgetIfUnused(node, preview, waiter);
                return ApiProblem.For(result.ErrorCode, result.Detail);
            case AdmissionStatus.AlreadyCommitted:
                ForgetIfUnused(node, preview, waiter);
                return Committed(node, result.TxId!.Value);
            default:
                if (waiter is null)
                {
                    return Results.Accepted($"/api/v1/transactions/{result.TxId}", new SubmitTransactionResponse(result.TxId!.Value.ToString(), "pending", null, null));
                }

                return await AwaitCommitAsync(node, result.TxId!.Value, waiter, timeout, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task<IResult> SubmitBatchAsync(HttpContext http, NodeRuntime node)
    {
        var (request, problem) = await RequestBody.ReadAsync<SubmitBatchRequest>(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (request!.Transactions is null || request.Transactions.Count is 0 or > MaxBatch)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, $"a batch holds 1 to {MaxBatch} transactions");
        }

        var raw = new ReadOnlyMemory<byte>[request.Transactions.Count];
        for (var i = 0; i < raw.Length; i++)
        {
            // An undecodable entry becomes an empty buffer, which admission refuses as malformed.
            raw[i] = TryDecodeBase64(request.Transactions[i], out var bytes) ? bytes : ReadOnlyMemory<byte>.Empty;
        }

        if (node.Membership is { IsLeader: false } membership)
        {
            return await TransactionForwarding.SubmitBatchAsync(membership, raw, http.Request).ConfigureAwait(false);
        }

        var results = node.Admission.AdmitBatch(raw);
        return Results.Ok(new SubmitBatchResponse(results.Select(ToBatchItem).ToArray()));
    }

    private static IResult Get(string txId, NodeRuntime node)
    {
        if (!TxId.TryParse(txId, out var id))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "a transaction id is 64 hexadecimal characters");
        }

        var stored = node.Store.ReadTransaction(id);
        var receipt = node.Store.ReadReceipt(id);
        return stored is null || receipt is null
            ? ApiProblem.For(ApiProblem.NotFound, $"no committed transaction {id}")
            : Results.Ok(stored.ToDto(receipt));
    }

    internal static async Task<IResult> AwaitCommitAsync(NodeRuntime node, TxId id, Task<Receipt> waiter, TimeSpan timeout, CancellationToken aborted)
    {
        try
        {
            var receipt = await waiter.WaitAsync(timeout, aborted).ConfigureAwait(false);
            return Results.Ok(new SubmitTransactionResponse(id.ToString(), "committed", receipt.Height, receipt.ToDto()));
        }
        catch (TimeoutException)
        {
            return ApiProblem.For(ApiProblem.CommitTimeout, $"transaction {id} was admitted but not committed within {timeout.TotalMilliseconds:0} ms; query it later");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or RocksDbSharp.RocksDbSharpException)
        {
            return ApiProblem.For(ApiProblem.ProducerStopped, $"transaction {id} could not be committed: the node's store failed");
        }
        finally
        {
            if (!waiter.IsCompleted)
            {
                node.Notifier.Forget(id);
            }
        }
    }

    internal static IResult Committed(NodeRuntime node, TxId id)
    {
        var receipt = node.Store.ReadReceipt(id);
        return receipt is null
            ? ApiProblem.For(ApiProblem.NotFound, $"no committed transaction {id}")
            : Results.Ok(new SubmitTransactionResponse(id.ToString(), "committed", receipt.Height, receipt.ToDto()));
    }

    private static BatchItemResult ToBatchItem(AdmissionResult r) => r.Status switch
    {
        AdmissionStatus.Refused => new BatchItemResult(r.TxId?.ToString(), "refused", r.ErrorCode, r.Detail),
        AdmissionStatus.AlreadyCommitted => new BatchItemResult(r.TxId?.ToString(), "committed", null, null),
        _ => new BatchItemResult(r.TxId?.ToString(), "pending", null, null),
    };

    private static void ForgetIfUnused(NodeRuntime node, TxId? id, Task<Receipt>? waiter)
    {
        if (waiter is not null && id is { } txId && !waiter.IsCompleted)
        {
            node.Notifier.Forget(txId);
        }
    }

    /// <summary>The id a well-formed transaction will have, so a waiter can be registered before admission.</summary>
    private static TxId? TryPeekId(byte[] raw)
    {
        try
        {
            return Transaction.Decode(raw).Id;
        }
        catch (Core.Codec.CodecException)
        {
            return null;
        }
    }

    private static bool TryDecodeBase64(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length > ((TransactionLimits.MaxEncodedBytes + 2) / 3 * 4) + 4)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
