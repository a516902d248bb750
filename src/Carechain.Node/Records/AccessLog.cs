using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;

namespace Carechain.Node.Records;

/// <summary>
/// Puts a read on the chain before it is served: this node signs a records/access transaction with
/// its own key and waits for the block. The records module decides the access again at block time,
/// so the read is served only if the event committed, and every read served has its event. A page
/// of search results is logged as one batch per patient.
/// </summary>
internal sealed class AccessLog(NodeSubmitter submitter)
{
    private const string AccessedEvent = "records.accessed";
    private const string BatchEvent = "records.access_batch";

    /// <summary>The committed receipt of the access event, or the refusal code and detail.</summary>
    public async Task<(LoggedAccess? Logged, string Code, string Detail)> RecordAsync(
        Ed25519PublicKey reader, Hash256 recordId, string purpose, CancellationToken cancellationToken)
    {
        var payload = new AccessRequest(reader, recordId, purpose).Encode();
        var (committed, code, detail) = await submitter.SubmitAsync(AccessRequest.Operation, payload, AccessedEvent, Refused, cancellationToken).ConfigureAwait(false);
        return committed is null ? (null, code, detail) : (LoggedAccess.From(committed.TxId, committed.Attributes), string.Empty, string.Empty);
    }

    /// <summary>
    /// One records/access-batch transaction for several records of one patient (at most
    /// <see cref="AccessBatchRequest.MaxRecords"/>): the committed transaction id, or the refusal of
    /// the whole batch.
    /// </summary>
    public async Task<(string? TxId, string Code, string Detail)> RecordBatchAsync(
        Ed25519PublicKey reader, IReadOnlyList<Hash256> recordIds, string purpose, CancellationToken cancellationToken)
    {
        var payload = new AccessBatchRequest(reader, purpose, recordIds).Encode();
        var (committed, code, detail) = await submitter.SubmitAsync(AccessBatchRequest.Operation, payload, BatchEvent, Refused, cancellationToken).ConfigureAwait(false);
        return (committed?.TxId, code, detail);
    }

    private static string Refused(string code) => code switch
    {
        RecordsErrors.RecordErased => "the record was erased at the patient's request",
        RecordsErrors.UnknownRecord => "no such record",
        RecordsErrors.NotCustodianNode => "this node does not keep the record; ask its custodian's node",
        _ => "the chain does not allow this read now",
    };
}
