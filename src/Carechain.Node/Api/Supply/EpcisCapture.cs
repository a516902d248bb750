using System.Text.Json;
using System.Text.Json.Nodes;
using Carechain.Client.Contracts;
using Carechain.Client.Epcis;
using Carechain.Core.Codec;
using Carechain.Core.Hashing;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Supply;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// EPCIS 2.0 capture. Every event carries the signed supply transaction it stands for
/// (<c>carechain:signedTransaction</c>, base64); the node maps the event with
/// <see cref="EpcisMapping"/> and accepts the document only if every transaction says exactly what
/// its event says, so the signer vouches for the event. The check is all or nothing (rollback): one
/// bad event and nothing is admitted. A document whose transactions are all committed already is a
/// repeat (409). The capture id is the SHA-256 of the transaction ids in order;
/// the 202 names the job (<c>Location: /epcis/capture/{captureID}</c>) a client polls.
/// </summary>
internal static class EpcisCapture
{
    public const string Invalid = "epcis_invalid";
    public const string Duplicate = "epcis_duplicate_capture";
    public const int MaxEvents = 1_000;

    public static async Task<IResult> CaptureAsync(HttpContext http, NodeRuntime node, CaptureJobs jobs, TimeProvider time)
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

        var (transactions, problem) = Check(document, time.GetUtcNow().Year);
        if (problem is not null)
        {
            return ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, Invalid, problem);
        }

        if (transactions.All(t => node.Store.ReadReceipt(t.Id) is not null))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, Duplicate, "every event of this document was captured before");
        }

        if (node.Membership is { IsLeader: false })
        {
            return ApiProblem.For(ApiProblem.NotLeader, "submit EPCIS captures to the consortium's leader");
        }

        var results = node.Admission.AdmitBatch([.. transactions.Select(t => t.Encoded)]);
        var captureId = Hash256.Sha256([.. transactions.SelectMany(t => t.Id.Hash.ToArray())]).ToString();
        var items = results.Select(r => r.Status switch
        {
            AdmissionStatus.Refused => new BatchItemResult(r.TxId?.ToString(), "refused", r.ErrorCode, r.Detail),
            AdmissionStatus.AlreadyCommitted => new BatchItemResult(r.TxId?.ToString(), "committed", null, null),
            _ => new BatchItemResult(r.TxId?.ToString(), "pending", null, null),
        }).ToArray();
        jobs.Save(new CaptureJob(captureId, time.GetUtcNow().ToUnixTimeMilliseconds(), [.. items.Select(i => new CaptureJobItem(i.TxId ?? string.Empty, i.Status == "refused" ? i.Code : null))]));
        return Results.Accepted($"/epcis/capture/{captureId}", new EpcisCaptureResponse(captureId, items));
    }

    private static (IReadOnlyList<Transaction> Transactions, string? Problem) Check(JsonNode? document, int referenceYear)
    {
        var transactions = new List<Transaction>();
        try
        {
            var events = EpcisMapping.Events(document);
            if (events.Count is 0 or > MaxEvents)
            {
                return ([], $"a capture holds 1 to {MaxEvents} events");
            }

            for (var i = 0; i < events.Count; i++)
            {
                var mapped = EpcisMapping.Map(events[i], referenceYear);
                var signed = events[i]![EpcisMapping.TransactionMember];
                if (signed?.GetValueKind() != JsonValueKind.String || !TryDecode((string)signed!, out var tx))
                {
                    return ([], $"event {i} has no {EpcisMapping.TransactionMember}: base64 of a signed supply transaction");
                }

                if (tx.Module != SupplyModule.ModuleName || tx.Operation != mapped.Operation || !tx.Payload.Span.SequenceEqual(mapped.Payload))
                {
                    return ([], $"event {i}: its signed transaction does not say what the event says ({tx.Module}/{tx.Operation} for a {mapped.Operation})");
                }

                transactions.Add(tx);
            }
        }
        catch (EpcisFormatException ex)
        {
            return ([], $"event {transactions.Count}: {ex.Message}");
        }

        return transactions.Select(t => t.Id).Distinct().Count() == transactions.Count ? (transactions, null) : ([], "two events carry the same transaction");
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
