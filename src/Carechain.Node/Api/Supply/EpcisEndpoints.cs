using System.Security.Claims;
using Carechain.Modules.Supply.Verification;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// The EPCIS 2.0 interface at the node's root, where EPCIS clients expect it (<c>POST /epcis/capture</c>,
/// <c>GET /epcis/events?epc=</c>): capture of signed events, the capture job a client polls (<c>GET /epcis/capture/{captureID}</c>), and a pack's, case's or pallet's events as an EPCIS JSON-LD query document.
/// </summary>
internal static class EpcisEndpoints
{
    public const string MediaType = "application/ld+json";

    public static void Map(IEndpointRouteBuilder root)
    {
        var epcis = root.MapGroup("/epcis");
        epcis.MapPost("/capture", EpcisCapture.CaptureAsync).WithName("CaptureEpcis").Produces<Client.Contracts.EpcisCaptureResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        epcis.MapGet("/capture/{captureId}", GetCaptureJob).WithName("GetEpcisCaptureJob").Produces<Client.Contracts.EpcisCaptureJobDto>().ProducesProblem(StatusCodes.Status404NotFound);
        epcis.MapGet("/events", GetEvents).WithName("GetEpcisEvents").Produces(StatusCodes.Status200OK, contentType: MediaType);
    }

    private static IResult GetCaptureJob(string captureId, CaptureJobs jobs)
    {
        if (!Core.Hashing.Hash256.TryParse(captureId, out var id))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "a capture id is 64 hexadecimal characters");
        }

        if (jobs.Read(id) is not { } job)
        {
            return ApiProblem.For(ApiProblem.NotFound, $"this node took no capture {id}");
        }

        var status = jobs.StatusOf(job);
        return Results.Ok(new Client.Contracts.EpcisCaptureJobDto(
            job.CaptureId,
            DateTimeOffset.FromUnixTimeMilliseconds(job.CreatedAtMs),
            status.FinishedAtMs is { } finished ? DateTimeOffset.FromUnixTimeMilliseconds(finished) : null,
            status.Running,
            status.Success,
            "rollback",
            [.. status.Errors.Select(e => new Client.Contracts.EpcisCaptureErrorDto(e.TxId, e.Code, e.EventId))]));
    }

    private static IResult GetEvents(string? epc, ClaimsPrincipal user, NodeRuntime node, SupplyReads reads, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (epc is { Length: <= PackCodes.MaxCodeLength } && Modules.Supply.Gs1.Gs1Code.TryParse(epc, now.Year, out var code, out _) && code!.Sscc is { } sscc && code.Gtin is null)
        {
            var container = reads.State();
            var events = container.ContainerEvents(sscc).ToList();
            return Results.Text(
                EpcisContainerEvents.QueryDocument(container, node.Store, sscc, events, reads.ShowsParties(user, events), now.ToUnixTimeMilliseconds()).ToJsonString(), MediaType);
        }

        if (!PackCodes.TryRead(epc, now.Year, out var pack, out var detail))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "epc: " + detail);
        }

        var state = reads.State();
        var history = PackVerification.History(state, pack);
        return Results.Text(EpcisEvents.QueryDocument(state, node.Store, pack, history, reads.ShowsParties(user, history), now.ToUnixTimeMilliseconds()).ToJsonString(), MediaType);
    }
}
