using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Records;
using Carechain.Node.Api;
using Carechain.Node.Hosting;

namespace Carechain.Node.Records;

/// <summary>
/// Submits records transactions signed by this node's key (access events, anchors written on behalf
/// of a member) and waits for their block. Nonces of the node key come from this one place, so
/// concurrent submissions never collide. On a consortium follower the transaction goes to the
/// leader like any other submission.
/// </summary>
internal sealed class NodeSubmitter(NodeRuntime node) : IDisposable
{
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ElectionWait = TimeSpan.FromSeconds(3);
    private readonly SemaphoreSlim _nonceGate = new(1, 1);

    /// <summary>
    /// The committed transaction with the events of its receipt, or the refusal code and detail
    /// (<paramref name="refused"/> words a module refusal).
    /// </summary>
    public async Task<(NodeSubmission? Committed, string Code, string Detail)> SubmitAsync(
        string operation, byte[] payload, Func<string, string> refused, CancellationToken cancellationToken)
    {
        if (node.Membership is { IsLeader: false } membership)
        {
            // During an election no leader is known for a moment: wait for one rather than refuse at once.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (membership is { IsLeader: false } && membership.LeaderClient() is null && waited.Elapsed < ElectionWait)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            if (!membership.IsLeader)
            {
                return await ForwardAsync(membership, operation, payload, refused, cancellationToken).ConfigureAwait(false);
            }
        }

        Transaction tx;
        Task<Receipt> waiter;
        await _nonceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var key = node.NodeKey.PublicKey;
            // Mempool first: a block commits to the store before its transactions leave the mempool,
            // so reading the store second never misses nonces moving from one to the other.
            var pending = node.Mempool.LastPendingNonce(key);
            var committed = BlockExecutor.ReadNonce(node.Store, key);
            var nonce = Math.Max(committed, pending ?? committed) + 1;
            tx = Transaction.Create(node.NodeKey, node.Chain.ChainId, nonce, RecordsModule.ModuleName, operation, payload);
            waiter = node.Notifier.Register(tx.Id);
            var admitted = node.Admission.Admit(tx);
            if (admitted.Status == AdmissionStatus.Refused)
            {
                node.Notifier.Forget(tx.Id);
                return (null, admitted.ErrorCode, admitted.Detail);
            }
        }
        finally
        {
            _nonceGate.Release();
        }

        try
        {
            var receipt = await waiter.WaitAsync(CommitWait, cancellationToken).ConfigureAwait(false);
            return receipt.Status == ReceiptStatus.Success
                ? (new NodeSubmission(
                    tx.Id.ToString(), [.. receipt.Events.Select(e => new NodeEvent(e.Name, e.Attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal)))]),
                    string.Empty, string.Empty)
                : (null, receipt.ErrorCode, refused(receipt.ErrorCode));
        }
        catch (TimeoutException)
        {
            node.Notifier.Forget(tx.Id);
            return (null, ApiProblem.CommitTimeout, $"the transaction {tx.Id} was not committed in time; nothing was served");
        }
    }

    public void Dispose() => _nonceGate.Dispose();

    private async Task<(NodeSubmission?, string, string)> ForwardAsync(
        ConsortiumMembership membership, string operation, byte[] payload, Func<string, string> refused, CancellationToken cancellationToken)
    {
        if (membership.LeaderClient() is not { } leader)
        {
            return (null, ApiProblem.NoLeader, "no consortium leader is known, so the transaction cannot be committed; retry shortly");
        }

        await _nonceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var nonce = await leader.GetNonceAsync(node.NodeKey.PublicKey, cancellationToken).ConfigureAwait(false);
            var tx = Transaction.Create(node.NodeKey, node.Chain.ChainId, nonce.Next, RecordsModule.ModuleName, operation, payload);
            var response = await leader.SubmitTransactionAsync(tx, waitForCommit: true, CommitWait, cancellationToken).ConfigureAwait(false);
            var receipt = response.Receipt;
            if (receipt is null)
            {
                return (null, ApiProblem.CommitTimeout, "the transaction was not committed in time; nothing was served");
            }

            return receipt.ErrorCode is { Length: > 0 } code
                ? (null, code, refused(code))
                : (new NodeSubmission(tx.Id.ToString(), [.. receipt.Events.Select(e => new NodeEvent(e.Name, e.Attributes))]), string.Empty, string.Empty);
        }
        catch (Client.CarechainApiException ex)
        {
            return (null, ex.Code, ex.Message);
        }
        finally
        {
            _nonceGate.Release();
        }
    }
}
