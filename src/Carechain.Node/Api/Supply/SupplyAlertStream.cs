using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Verification;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// Alerts as they are committed, pushed as Server-Sent Events to a regulator
/// (<c>GET /api/v1/supply/alerts/stream</c>, bearer token of a key of a <c>regulator</c>
/// organisation). Each alert is one <c>alert</c> event whose id is its sequence number, so a
/// client that reconnects with <c>Last-Event-ID</c> (or <c>?after=</c>) gets exactly the alerts it
/// missed, in order; none is sent twice on one connection. The chain is the queue: nothing is
/// kept per subscriber, and the stream wakes once per committed block. An empty <c>keep-alive</c>
/// event (no id) after <see cref="KeepAlive"/> without an alert keeps idle proxies from closing the stream.
/// </summary>
internal static class SupplyAlertStream
{
    public const string EventType = "alert";
    public const string KeepAliveType = "keep-alive";
    private const int Batch = 100;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IResult Subscribe(HttpContext http, string? after, ClaimsPrincipal user, NodeRuntime node, SupplyReads reads, TimeProvider time)
    {
        if (SupplyAlertAccess.Refusal(user, node) is { } refusal)
        {
            return refusal;
        }

        var resume = http.Request.Headers["Last-Event-ID"].ToString();
        var start = resume.Length > 0 ? resume : after;
        if (!QueryValues.TryOptionalLong(start, out var from) || from < 0)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "Last-Event-ID (or after) is the sequence number of the last alert seen");
        }

        return TypedResults.ServerSentEvents(Alerts(node, reads.LiveState(), from ?? 0, time, http.RequestAborted));
    }

    /// <summary>
    /// The alerts after <paramref name="after"/>, read in pages; then, until the client goes away,
    /// those each committed block adds (woken by <see cref="Ledger.Admission.CommitNotifier.NextBlock"/>, not by polling).
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Alerts(
        NodeRuntime node, SupplyState state, long after, TimeProvider time, [EnumeratorCancellation] CancellationToken aborted)
    {
        var last = after;
        var idleSince = time.GetUtcNow();
        while (!aborted.IsCancellationRequested)
        {
            // Taken before the read: a block committed while reading completes it, so none is missed.
            var nextBlock = node.Notifier.NextBlock;
            var page = Read(node, state, last, Batch);
            foreach (var alert in page)
            {
                last = alert.Sequence;
                yield return new SseItem<string>(JsonSerializer.Serialize(alert, JsonSerializerOptions.Web), EventType) { EventId = alert.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }

            if (page.Count == Batch)
            {
                continue;
            }

            if (page.Count > 0)
            {
                idleSince = time.GetUtcNow();
            }

            var quiet = KeepAlive - (time.GetUtcNow() - idleSince);
            if (quiet > TimeSpan.Zero)
            {
                try
                {
                    await nextBlock.WaitAsync(quiet, time, aborted).ConfigureAwait(false);
                    continue;
                }
                catch (TimeoutException)
                {
                    // No alert for KeepAlive: fall through to the keep-alive.
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }

            idleSince = time.GetUtcNow();
            yield return new SseItem<string>(string.Empty, KeepAliveType);
        }
    }

    /// <summary>Up to <paramref name="take"/> alerts after sequence <paramref name="after"/>, in order.</summary>
    public static IReadOnlyList<SupplyAlertDto> Read(NodeRuntime node, SupplyState state, long after, int take) =>
        [.. node.Store.ScanState(StateKeys.Full(SupplyModule.ModuleName, SupplyState.AlertPrefix), StateKeys.Full(SupplyModule.ModuleName, SupplyState.AlertKey(after)), take)
            .Select(e => state.Verification(Hash256.Read(e.Value))).OfType<VerificationRecord>().Select(r => r.ToAlertDto())];
}
