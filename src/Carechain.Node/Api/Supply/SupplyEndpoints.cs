using System.Security.Claims;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Verification;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// Supply reads: a pack's state and history, a read-only check of a scan, a recorded verification's answer, and the alerts
/// suspect verifications raised, for regulators only (<see cref="SupplyAlertAccess"/>): listed with an optional long poll, or
/// subscribed to as Server-Sent Events (<see cref="SupplyAlertStream"/>). Changes are signed transactions submitted to /transactions.
/// </summary>
internal static class SupplyEndpoints
{
    private const int DefaultPage = 100;
    private const int MaxPage = 1_000;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public static void Map(IEndpointRouteBuilder api)
    {
        var supply = api.MapGroup("/supply");
        supply.MapGet("/packs", GetPack).WithName("GetPack").Produces<PackDto>().ProducesProblem(StatusCodes.Status404NotFound);
        supply.MapGet("/check", Check).WithName("CheckPack").Produces<PackCheckDto>();
        supply.MapPost("/check", PackChecks.CheckManyAsync).WithName("CheckPacks").Produces<PackCheckBatchDto>();
        supply.MapGet("/verifications/{txId}", GetVerification).WithName("GetVerification").Produces<VerificationDto>().ProducesProblem(StatusCodes.Status404NotFound);
        supply.MapGet("/alerts", ListAlertsAsync).RequireAuthorization().WithName("ListSupplyAlerts").Produces<SupplyAlertPageDto>().ProducesProblem(StatusCodes.Status403Forbidden);
        supply.MapGet("/alerts/stream", SupplyAlertStream.Subscribe).RequireAuthorization().WithName("StreamSupplyAlerts")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static IResult GetPack(string? code, ClaimsPrincipal user, SupplyReads reads, TimeProvider time)
    {
        if (!PackCodes.TryRead(code, time.GetUtcNow().Year, out var pack, out var detail))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, detail);
        }

        var state = reads.State();
        var batch = state.BatchOf(pack);
        if (batch is null)
        {
            return ApiProblem.For(ApiProblem.NotFound, $"pack {pack} was never commissioned");
        }

        var current = state.Pack(pack) ?? PackState.Fresh(batch);
        var history = PackVerification.History(state, pack);
        return Results.Ok(current.ToDto(pack, batch, state.Lot(batch.Gtin, batch.Lot)!, history, reads.ShowsParties(user, history)));
    }

    /// <summary>
    /// What a verification of this scan by <paramref name="verifier"/> would answer now, without
    /// recording it: for a quick look-up (a wholesaler's goods-in screen, a patient's app). It sees
    /// earlier recorded scans, but is not itself one, so only a recorded verification (a supply/verify
    /// transaction) can reveal a clone scanned after it.
    /// </summary>
    private static IResult Check(string? code, string? verifier, string? location, ClaimsPrincipal user, SupplyReads reads, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (!PackCodes.TryRead(code, now.Year, out var pack, out var parsed, out var detail))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, detail);
        }

        if (!Core.Crypto.Ed25519PublicKey.TryParse(verifier, out var key))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "verifier is the scanning key, 64 hexadecimal characters");
        }

        var scan = new VerifyRequest(pack, parsed!.Lot, parsed.Expiry, location ?? string.Empty);
        if (scan.Validate() is { } invalid)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, $"{invalid}: lot or location is not one a scan can carry");
        }

        var check = PackVerification.Check(reads.State(), reads.Permissions(), scan, key, now.ToUnixTimeMilliseconds());
        return Results.Ok(new PackCheckDto(PackChecks.StatusOf(check), check.Reasons, check.History.ToDto(reads.ShowsParties(user, check.History))));
    }

    private static IResult GetVerification(string txId, ClaimsPrincipal user, SupplyReads reads)
    {
        if (!TxId.TryParse(txId, out var id))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "a transaction id is 64 hexadecimal characters");
        }

        var state = reads.State();
        if (state.Verification(id.Hash) is not { } record)
        {
            return ApiProblem.For(ApiProblem.NotFound, $"no committed verification {id}");
        }

        var history = PackVerification.History(state, record.Pack);
        return Results.Ok(record.ToDto(history, reads.ShowsParties(user, history)));
    }

    /// <summary>
    /// Alerts after sequence <paramref name="after"/>, for regulators only; with <paramref name="waitMs"/> the request is held
    /// until a committed block brings one (woken per block by <see cref="Ledger.Admission.CommitNotifier.NextBlock"/>) or the wait ends.
    /// </summary>
    private static async Task<IResult> ListAlertsAsync(
        string? after, string? limit, string? waitMs, ClaimsPrincipal user, NodeRuntime node, SupplyReads reads, TimeProvider time, CancellationToken aborted)
    {
        if (SupplyAlertAccess.Refusal(user, node) is { } refusal)
        {
            return refusal;
        }

        if (!QueryValues.TryOptionalLong(after, out var from) || !QueryValues.TryOptionalLong(limit, out var size) || size is 0
            || !QueryValues.TryTimeout(waitMs, TimeSpan.Zero, MaxWait, out var wait))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "after is the last sequence seen; limit a positive number; waitMs a positive number of milliseconds");
        }

        var start = from ?? 0;
        var take = (int)Math.Min(size ?? DefaultPage, MaxPage);
        var deadline = time.GetUtcNow() + wait;
        var state = reads.LiveState();
        while (!aborted.IsCancellationRequested)
        {
            // Taken before the count is read: a block committed in between completes it.
            var nextBlock = node.Notifier.NextBlock;
            var left = deadline - time.GetUtcNow();
            if (state.AlertCount() > start || left <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                await nextBlock.WaitAsync(left, time, aborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                break;
            }
        }

        var items = SupplyAlertStream.Read(node, state, start, take);
        return Results.Ok(new SupplyAlertPageDto(items, items.Count == 0 ? start : items[^1].Sequence));
    }
}
