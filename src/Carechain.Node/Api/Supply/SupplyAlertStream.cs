using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Modules.Governance;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Verification;
using Carechain.Node.Auth;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// Alerts as they are committed, pushed as Server-Sent Events to a regulator
/// (<c>GET /api/v1/supply/alerts/stream</c>, bearer token of a key of a <c>regulator</c>
/// organisation). Each alert is one <c>alert</c> event whose id is its sequence number, so a
/// client that reconnects with <c>Last-Event-ID</c> (or <c>?after=</c>) gets exactly the alerts it
/// missed, in order; none is sent twice on one connection. The chain is the queue: nothing is
/// kept per subscriber. An empty <c>keep-alive</c> event (no id) every <see cref="KeepAlive"/> of quiet keeps idle proxies from closing the stream.
/// </summary>
internal static class SupplyAlertStream
{
    public const string EventType = "alert";
    public const string KeepAliveType = "keep-alive";
    private const int Batch = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IResult Subscribe(HttpContext http, string? after, ClaimsPrincipal user, NodeRuntime node, TimeProvider time)
    {
        var permissions = new Permissions(node.Store, node.Chain.Genesis);
        var organisation = permissions.OrganisationOf(user.CallerKey());
        if (organisation is not { } id || permissions.Organisation(id)?.Organisation.Kind != OrganisationKind.Regulator)
        {
            return ApiProblem.For(AuthErrors.Forbidden, "only keys of a regulator organisation may subscribe to supply alerts");
        }

        var resume = http.Request.Headers["Last-Event-ID"].ToString();
        var start = resume.Length > 0 ? resume : after;
        if (!QueryValues.TryOptionalLong(start, out var from) || from < 0)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "Last-Event-ID (or after) is the sequence number of the last alert seen");
        }

        return TypedResults.ServerSentEvents(Alerts(node, from ?? 0, time, http.RequestAborted));
    }

    /// <summary>The alerts after <paramref name="after"/>, read in pages, waiting for new ones until the client goes away.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Alerts(NodeRuntime node, long after, TimeProvider time, [EnumeratorCancellation] CancellationToken aborted)
    {
        var state = SupplyEndpoints.State(node);
        var last = after;
        var idleSince = time.GetUtcNow();
        while (!aborted.IsCancellationRequested)
        {
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
            else if (time.GetUtcNow() - idleSince >= KeepAlive)
            {
                idleSince = time.GetUtcNow();
                yield return new SseItem<string>(string.Empty, KeepAliveType);
            }

            try
            {
                await Task.Delay(PollInterval, time, aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    /// <summary>Up to <paramref name="take"/> alerts after sequence <paramref name="after"/>, in order.</summary>
    public static IReadOnlyList<SupplyAlertDto> Read(NodeRuntime node, SupplyState state, long after, int take) =>
        [.. node.Store.ScanState(StateKeys.Full(SupplyModule.ModuleName, SupplyState.AlertPrefix), StateKeys.Full(SupplyModule.ModuleName, SupplyState.AlertKey(after)), take)
            .Select(e => state.Verification(Hash256.Read(e.Value))).OfType<VerificationRecord>().Select(r => r.ToAlertDto())];
}
