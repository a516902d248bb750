using Carechain.Modules.Supply.Verification;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// The EPCIS 2.0 interface at the node's root, where EPCIS clients expect it (<c>POST /epcis/capture</c>,
/// <c>GET /epcis/events?epc=</c>): capture of signed events, and a pack's events as an EPCIS JSON-LD query document.
/// </summary>
internal static class EpcisEndpoints
{
    public const string MediaType = "application/ld+json";

    public static void Map(IEndpointRouteBuilder root)
    {
        var epcis = root.MapGroup("/epcis");
        epcis.MapPost("/capture", EpcisCapture.CaptureAsync).WithName("CaptureEpcis").Produces<Client.Contracts.EpcisCaptureResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        epcis.MapGet("/events", GetEvents).WithName("GetEpcisEvents").Produces(StatusCodes.Status200OK, contentType: MediaType);
    }

    private static IResult GetEvents(string? epc, NodeRuntime node, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (!PackCodes.TryRead(epc, now.Year, out var pack, out var detail))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "epc: " + detail);
        }

        var history = PackVerification.History(SupplyEndpoints.State(node), pack);
        return Results.Text(EpcisEvents.QueryDocument(pack, history, now.ToUnixTimeMilliseconds()).ToJsonString(), MediaType);
    }
}
