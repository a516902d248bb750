using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Node.Api;

namespace Carechain.Node.Records;

/// <summary>
/// Puts a read on the chain before it is served: this node signs a records transaction with its own
/// key and waits for the block. The records module decides the access again at block time, so the
/// read is served only if its event committed, and every read served has its event. Single reads are
/// group-committed (<see cref="GroupCommit{TEntry}"/>, ADR 0013): reads that arrive while earlier ones
/// are being committed share one records/access-log transaction, whose entries the module allows or
/// refuses one by one. A page of search results is logged as one records/access-batch per patient,
/// all or nothing.
/// </summary>
internal sealed class AccessLog(NodeSubmitter submitter) : IDisposable
{
    private const string AccessedEvent = "records.accessed";

    private readonly GroupCommit<AccessLogEntry> _group = new(
        submitter, AccessLogRequest.Operation, AccessLogRequest.MaxEntries, entries => new AccessLogRequest(entries).Encode(), Refused);

    /// <summary>The committed receipt of the access event, or the refusal code and detail.</summary>
    public async Task<(LoggedAccess? Logged, string Code, string Detail)> RecordAsync(
        Ed25519PublicKey reader, Hash256 recordId, string purpose)
    {
        var outcome = await _group.SubmitAsync(new AccessLogEntry(reader, recordId, purpose)).ConfigureAwait(false);
        if (outcome.Event is not { } e)
        {
            return (null, outcome.Code, outcome.Detail);
        }

        if (e.Name == AccessedEvent)
        {
            return (LoggedAccess.From(outcome.TxId!, e.Attributes), string.Empty, string.Empty);
        }

        var code = e.Attributes.GetValueOrDefault("code", ApiProblem.InternalError);
        return (null, code, Refused(code));
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
        var (committed, code, detail) = await submitter.SubmitAsync(AccessBatchRequest.Operation, payload, Refused, cancellationToken).ConfigureAwait(false);
        return (committed?.TxId, code, detail);
    }

    public void Dispose() => _group.Dispose();

    private static string Refused(string code) => code switch
    {
        RecordsErrors.RecordErased => "the record was erased at the patient's request",
        RecordsErrors.UnknownRecord => "no such record",
        RecordsErrors.NotCustodianNode => "this node does not keep the record; ask its custodian's node",
        _ => "the chain does not allow this read now",
    };
}
