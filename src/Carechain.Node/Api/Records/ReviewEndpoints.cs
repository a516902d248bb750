using System.Security.Claims;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Node.Auth;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api.Records;

/// <summary>The review queue: an organisation's break-glasses not yet reviewed, for its auditors and admins.</summary>
internal static class ReviewEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/organisations/{organisation}/break-glass/pending", Pending).RequireAuthorization()
            .WithName("GetPendingBreakGlassReviews").Produces<PendingReviewsDto>().ProducesProblem(StatusCodes.Status403Forbidden);

    private static IResult Pending(string organisation, string? after, ClaimsPrincipal user, NodeRuntime node)
    {
        if (!OrganisationId.TryParse(organisation, out var id))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "not an organisation id");
        }

        var permissions = new Permissions(node.Store, node.Chain.Genesis);
        var caller = user.CallerKey();
        if (permissions.OrganisationOf(caller) != id || permissions.RoleOf(caller) is not ("auditor" or IdentityRole.Admin))
        {
            return ApiProblem.For(AuthErrors.Forbidden, "only the organisation's auditors and admins see its review queue");
        }

        if (!StatePage.TryRead(node.Store, RecordsKeys.PendingReviewsPrefix(id), after, out var entries, out var next))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "after is the next cursor of a previous page");
        }

        var state = new ModuleStateReader(node.Store, RecordsModule.ModuleName);
        var items = entries
            .Select(e => RecordsModule.ReadBreakGlass(state, Hash256.Read(e.Key.AsSpan(e.Key.Length - Hash256.Size))))
            .OfType<BreakGlassRecord>()
            .Select(g => g.ToDto(null))
            .ToArray();
        return Results.Ok(new PendingReviewsDto(items, next));
    }
}
