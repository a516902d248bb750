using System.Security.Claims;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;
using Carechain.Node.Auth;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// Who may read supply alerts: keys of a <c>regulator</c> organisation, by bearer token. An alert
/// names who scanned which pack where, so the list, its long poll and the stream all ask here;
/// the routes require a token (401 without), and this answers 403 <c>forbidden</c> to anyone else.
/// </summary>
internal static class SupplyAlertAccess
{
    /// <summary>Null when the caller is a regulator's key, else the problem to answer.</summary>
    public static IResult? Refusal(ClaimsPrincipal user, NodeRuntime node)
    {
        var permissions = new Permissions(node.Store, node.Chain.Genesis);
        return permissions.OrganisationOf(user.CallerKey()) is { } id && permissions.Organisation(id)?.Organisation.Kind == OrganisationKind.Regulator
            ? null
            : ApiProblem.For(AuthErrors.Forbidden, "only keys of a regulator organisation may read supply alerts");
    }
}
