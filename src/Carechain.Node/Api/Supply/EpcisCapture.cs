using System.Text.Json;
using System.Text.Json.Nodes;
using Carechain.Client.Contracts;
using Carechain.Client.Epcis;
using Carechain.Core.Codec;
using Carechain.Core.Hashing;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// EPCIS 2.0 capture. Every event carries the signed supply transaction it stands for
/// (<c>carechain:signedTransaction</c>, base64); the node maps the event with
/// <see cref="EpcisMapping"/> and accepts the document only if every transaction says exactly what
/// its event says, so the signer vouches for the event. The check is all or nothing (rollback): one
/// bad event and nothing is admitted. Each event is identified by its CBV 2.0 hash, which its
/// transaction carries: an event applied before by another transaction is reported <c>duplicate</c>
/// and not applied again (the chain refuses it too), and a document whose events were all applied
/// already is a repeat (409). An ObjectEvent carrying an <c>errorDeclaration</c> declares the
/// dispense or decommission it repeats in error (<c>supply/undo</c>, <see cref="Undeclarable"/>). The capture id is the SHA-256 of the transaction ids in order;
/// the 202 names the job (<c>Location: /epcis/capture/{captureID}</c>) a client polls.
/// </summary>
internal static class EpcisCapture
{
    public const string Invalid = "epcis_invalid";
    public const string Duplicate = "epcis_duplicate_capture";
    public const int MaxEvents = 1_000;

    public static async Task<IResult> CaptureAsync(HttpContext http, NodeRuntime node, SupplyReads reads, CaptureJobs jobs, TimeProvider time)
    {
        var request = http.Request;
        if (request.ContentType is not { } type || !(type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/ld+json", StringComparison.OrdinalIgnoreCase)))
        {
            return ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, ApiProblem.MalformedRequest, "send the EPCIS document as application/json or application/ld+json");
        }

        JsonNode? document;
        try
        {
            document = await JsonNode.ParseAsync(request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "the body is not JSON");
        }

        var (events, problem) = Check(document, time.GetUtcNow().Year);
        if (problem is not null)
        {
            return ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, Invalid, problem);
        }

        var state = reads.State();
        if (Undeclarable(state, node, events) is { } undeclarable)
        {
            return ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, Invalid, undeclarable);
        }

        // An event applied (or declared in error) before, by its hash, is not applied again: by this very
        // transaction it is simply committed; by another one it is a duplicate, reported per event.
        var earlier = events.Select(e => IsDeclaration(e.Mapped)
            ? state.DeclarationTransaction(e.Mapped.EventHash)
            : state.EventTransaction(e.Mapped.EventHash)).ToArray();
        if (events.Select((e, i) => earlier[i] is not null || node.Store.ReadReceipt(e.Tx.Id) is not null).All(seen => seen))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, Duplicate, "every event of this document was captured before");
        }

        if (node.Membership is { IsLeader: false })
        {
            return ApiProblem.For(ApiProblem.NotLeader, "submit EPCIS captures to the consortium's leader");
        }

        var fresh = Enumerable.Range(0, events.Count).Where(i => earlier[i] is null).ToArray();
        var admitted = node.Admission.AdmitBatch([.. fresh.Select(i => events[i].Tx.Encoded)]);
        var admission = fresh.Select((index, j) => (index, admitted[j])).ToDictionary(p => p.index, p => p.Item2);
        var items = events.Select((e, i) => admission.TryGetValue(i, out var r)
            ? r.Status switch
            {
                AdmissionStatus.Refused => new EpcisCaptureEventResult(e.Mapped.EventId, r.TxId?.ToString(), "refused", r.ErrorCode, r.Detail),
                AdmissionStatus.AlreadyCommitted => new EpcisCaptureEventResult(e.Mapped.EventId, r.TxId?.ToString(), "committed", null, null),
                _ => new EpcisCaptureEventResult(e.Mapped.EventId, r.TxId?.ToString(), "pending", null, null),
            }
            : earlier[i] == e.Tx.Id.Hash
                ? new EpcisCaptureEventResult(e.Mapped.EventId, e.Tx.Id.ToString(), "committed", null, null)
                : new EpcisCaptureEventResult(e.Mapped.EventId, e.Tx.Id.ToString(), "duplicate", SupplyErrors.DuplicateEvent, $"the event was applied by transaction {earlier[i]}; it is not applied again")).ToArray();

        var captureId = Hash256.Sha256([.. events.SelectMany(e => e.Tx.Id.Hash.ToArray())]).ToString();
        jobs.Save(new CaptureJob(captureId, time.GetUtcNow().ToUnixTimeMilliseconds(), [.. items.Select(i =>
            new CaptureJobItem(i.TxId ?? string.Empty, i.Status is "refused" or "duplicate" ? i.Code : null, i.EventId))]));
        return Results.Accepted($"/epcis/capture/{captureId}", new EpcisCaptureResponse(captureId, items));
    }

    private static bool IsDeclaration(EpcisMappedEvent mapped) => mapped.Operation == SupplyOperations.Undo;

    /// <summary>
    /// An error declaration names the event it corrects by that event's hash. When that event was
    /// captured, the chain checks the hash against the pack's dispense or decommission itself; when it
    /// was not (it was submitted as a plain transaction), its id is the one the query answers, so the
    /// declaration must name exactly that: the event as <c>GET /epcis/events</c> serves it, with an
    /// <c>errorDeclaration</c> added. Null when every declaration names such an event.
    /// </summary>
    private static string? Undeclarable(SupplyState state, NodeRuntime node, IReadOnlyList<(Transaction Tx, EpcisMappedEvent Mapped)> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var mapped = events[i].Mapped;
            if (!IsDeclaration(mapped) || state.EventTransaction(mapped.EventHash) is not null)
            {
                continue;
            }

            foreach (var pack in CustodyRequest.Decode(mapped.Payload).Packs)
            {
                var inactivation = state.PackEvents(pack).LastOrDefault(e => e.Kind is SupplyEventKind.Dispensed or SupplyEventKind.Decommissioned);
                if (inactivation is null || EpcisEvents.EventIdOf(state, node.Store, pack, inactivation) != mapped.EventId)
                {
                    return $"event {i}: its errorDeclaration corrects no dispense or decommission of {pack}; declare the event as GET /epcis/events answers it, with its eventID";
                }
            }
        }

        return null;
    }

    private static (IReadOnlyList<(Transaction Tx, EpcisMappedEvent Mapped)> Events, string? Problem) Check(JsonNode? document, int referenceYear)
    {
        var checkedEvents = new List<(Transaction Tx, EpcisMappedEvent Mapped)>();
        try
        {
            var events = EpcisMapping.Events(document);
            if (events.Count is 0 or > MaxEvents)
            {
                return ([], $"a capture holds 1 to {MaxEvents} events");
            }

            var context = document!["@context"];
            for (var i = 0; i < events.Count; i++)
            {
                var mapped = EpcisMapping.Map(events[i], referenceYear, context);
                var signed = events[i]![EpcisMapping.TransactionMember];
                if (signed?.GetValueKind() != JsonValueKind.String || !TryDecode((string)signed!, out var tx))
                {
                    return ([], $"event {i} has no {EpcisMapping.TransactionMember}: base64 of a signed supply transaction");
                }

                if (tx.Module != SupplyModule.ModuleName || tx.Operation != mapped.Operation || !tx.Payload.Span.SequenceEqual(mapped.Payload))
                {
                    return ([], $"event {i}: its signed transaction does not say what the event says ({tx.Module}/{tx.Operation} for a {mapped.Operation}, event {mapped.EventId})");
                }

                checkedEvents.Add((tx, mapped));
            }
        }
        catch (EpcisFormatException ex)
        {
            return ([], $"event {checkedEvents.Count}: {ex.Message}");
        }

        if (checkedEvents.Select(e => e.Mapped.EventHash).Distinct().Count() != checkedEvents.Count)
        {
            return ([], "two events of the document are the same event (the same CBV hash)");
        }

        return checkedEvents.Select(e => e.Tx.Id).Distinct().Count() == checkedEvents.Count ? (checkedEvents, null) : ([], "two events carry the same transaction");
    }

    private static bool TryDecode(string base64, out Transaction transaction)
    {
        transaction = null!;
        if (base64.Length > ((TransactionLimits.MaxEncodedBytes + 2) / 3 * 4) + 4)
        {
            return false;
        }

        try
        {
            transaction = Transaction.Decode(Convert.FromBase64String(base64));
            return true;
        }
        catch (Exception ex) when (ex is FormatException or CodecException)
        {
            return false;
        }
    }
}
