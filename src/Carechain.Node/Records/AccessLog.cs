using System.Globalization;
using System.Threading.Channels;
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
/// group-committed (ADR 0013): reads that arrive while earlier ones are being committed share one
/// records/access-log transaction, whose entries the module allows or refuses one by one. A page of
/// search results is logged as one records/access-batch per patient, all or nothing.
/// </summary>
internal sealed class AccessLog : IDisposable
{
    private const string AccessedEvent = "records.accessed";
    private const string RefusedEvent = "records.access_refused";

    /// <summary>Access-log transactions awaiting their block at once; more reads wait and join the next one.</summary>
    private const int MaxInFlight = 4;

    private readonly NodeSubmitter _submitter;
    private readonly Channel<PendingRead> _queue = Channel.CreateUnbounded<PendingRead>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _grouping;

    public AccessLog(NodeSubmitter submitter)
    {
        _submitter = submitter;
        _grouping = Task.Run(GroupAsync);
    }

    /// <summary>The committed receipt of the access event, or the refusal code and detail.</summary>
    public async Task<(LoggedAccess? Logged, string Code, string Detail)> RecordAsync(
        Ed25519PublicKey reader, Hash256 recordId, string purpose, CancellationToken cancellationToken)
    {
        var pending = new PendingRead(new AccessLogEntry(reader, recordId, purpose));
        if (!_queue.Writer.TryWrite(pending))
        {
            return (null, ApiProblem.ProducerStopped, "the node is stopping; nothing was served");
        }

        return await pending.Outcome.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
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
        var (committed, code, detail) = await _submitter.SubmitAsync(AccessBatchRequest.Operation, payload, Refused, cancellationToken).ConfigureAwait(false);
        return (committed?.TxId, code, detail);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            _grouping.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The grouping loop ends by cancellation; what it left waiting is failed below.
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Outcome.TrySetResult((null, ApiProblem.ProducerStopped, "the node is stopping; nothing was served"));
        }

        // _stopping and _slots stay undisposed: commits still in flight observe and release them.
    }

    /// <summary>Takes every read waiting (up to a transaction's worth) whenever a slot is free, and commits them together.</summary>
    private async Task GroupAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
                var group = new List<PendingRead>();
                while (group.Count < AccessLogRequest.MaxEntries && reader.TryRead(out var pending))
                {
                    group.Add(pending);
                }

                _ = CommitAsync(group);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: Dispose fails whatever is still queued.
        }
    }

    private async Task CommitAsync(List<PendingRead> group)
    {
        try
        {
            var payload = new AccessLogRequest([.. group.Select(p => p.Entry)]).Encode();
            var (committed, code, detail) = await _submitter.SubmitAsync(AccessLogRequest.Operation, payload, Refused, _stopping.Token).ConfigureAwait(false);
            if (committed is not null)
            {
                foreach (var e in committed.Events)
                {
                    if (e.Attributes.TryGetValue("entry", out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < group.Count)
                    {
                        var refusal = e.Name == RefusedEvent ? e.Attributes.GetValueOrDefault("code", RecordsErrors.NoConsent) : null;
                        group[i].Outcome.TrySetResult(e.Name == AccessedEvent
                            ? (LoggedAccess.From(committed.TxId, e.Attributes), string.Empty, string.Empty)
                            : (null, refusal ?? ApiProblem.InternalError, refusal is null ? "the chain did not decide this read" : Refused(refusal)));
                    }
                }

                code = ApiProblem.InternalError;
                detail = "the chain did not decide this read";
            }

            foreach (var pending in group)
            {
                pending.Outcome.TrySetResult((null, code, detail));
            }
        }
        catch (Exception failure)
        {
            foreach (var pending in group)
            {
                pending.Outcome.TrySetException(failure);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private static string Refused(string code) => code switch
    {
        RecordsErrors.RecordErased => "the record was erased at the patient's request",
        RecordsErrors.UnknownRecord => "no such record",
        RecordsErrors.NotCustodianNode => "this node does not keep the record; ask its custodian's node",
        _ => "the chain does not allow this read now",
    };

    private sealed record PendingRead(AccessLogEntry Entry)
    {
        public TaskCompletionSource<(LoggedAccess? Logged, string Code, string Detail)> Outcome { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
