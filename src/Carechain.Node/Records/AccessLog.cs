using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Node.Api;
using Carechain.Node.Hosting;

namespace Carechain.Node.Records;

/// <summary>
/// Puts a read on the chain before it is served: this node signs a records/access transaction with
/// its own key and waits for the block. The records module decides the access again at block time,
/// so the read is served only if the event committed, and every read served has its event. On a
/// consortium follower the event goes to the leader like any other submission.
/// </summary>
internal sealed class AccessLog(NodeRuntime node) : IDisposable
{
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(30);
    private const string AccessedEvent = "records.accessed";
    private readonly SemaphoreSlim _nonceGate = new(1, 1);

    /// <summary>The committed receipt of the access event, or the refusal code and detail.</summary>
    public async Task<(LoggedAccess? Logged, string Code, string Detail)> RecordAsync(
        Ed25519PublicKey reader, Hash256 recordId, string purpose, CancellationToken cancellationToken)
    {
        var payload = new AccessRequest(reader, recordId, purpose).Encode();
        if (node.Membership is { IsLeader: false } membership)
        {
            return await ForwardAsync(membership, payload, cancellationToken).ConfigureAwait(false);
        }

        Transaction tx;
        Task<Receipt> waiter;
        await _nonceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Nonces of the node key come from this one place, so concurrent reads never collide.
            var key = node.NodeKey.PublicKey;
            var committed = BlockExecutor.ReadNonce(node.Store, key);
            var nonce = Math.Max(committed, node.Mempool.LastPendingNonce(key) ?? committed) + 1;
            tx = Transaction.Create(node.NodeKey, node.Chain.ChainId, nonce, RecordsModule.ModuleName, AccessRequest.Operation, payload);
            waiter = node.Notifier.Register(tx.Id);
            var admitted = node.Admission.Admit(tx.Encoded);
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
                ? (LoggedAccess.From(tx.Id.ToString(), receipt.Events.Single(e => e.Name == AccessedEvent).Attributes), string.Empty, string.Empty)
                : (null, receipt.ErrorCode, Refused(receipt.ErrorCode));
        }
        catch (TimeoutException)
        {
            node.Notifier.Forget(tx.Id);
            return (null, ApiProblem.CommitTimeout, $"the access event {tx.Id} was not committed in time; the record was not served");
        }
    }

    public void Dispose() => _nonceGate.Dispose();

    private async Task<(LoggedAccess?, string, string)> ForwardAsync(ConsortiumMembership membership, byte[] payload, CancellationToken cancellationToken)
    {
        if (membership.LeaderClient() is not { } leader)
        {
            return (null, ApiProblem.NoLeader, "no consortium leader is known, so the read cannot be logged; retry shortly");
        }

        await _nonceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var nonce = await leader.GetNonceAsync(node.NodeKey.PublicKey, cancellationToken).ConfigureAwait(false);
            var tx = Transaction.Create(node.NodeKey, node.Chain.ChainId, nonce.Next, RecordsModule.ModuleName, AccessRequest.Operation, payload);
            var response = await leader.SubmitTransactionAsync(tx, waitForCommit: true, CommitWait, cancellationToken).ConfigureAwait(false);
            var receipt = response.Receipt;
            if (receipt is null)
            {
                return (null, ApiProblem.CommitTimeout, "the access event was not committed in time; the record was not served");
            }

            return receipt.ErrorCode is { Length: > 0 } code
                ? (null, code, Refused(code))
                : (LoggedAccess.From(tx.Id.ToString(), receipt.Events.Single(e => e.Name == AccessedEvent).Attributes), string.Empty, string.Empty);
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

    private static string Refused(string code) => code switch
    {
        RecordsErrors.RecordErased => "the record was erased at the patient's request",
        RecordsErrors.UnknownRecord => "no such record",
        RecordsErrors.NotCustodianNode => "this node does not keep the record; ask its custodian's node",
        _ => "the chain does not allow this read now",
    };
}
