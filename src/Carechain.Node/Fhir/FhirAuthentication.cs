using Carechain.Fhir.Outcomes;
using Carechain.Node.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir;

/// <summary>
/// Guards every FHIR call but <c>/fhir/metadata</c>: a caller without a valid bearer token (from
/// <c>carechain auth token</c>, verified by <see cref="CarechainBearerHandler"/>) gets 401 with an
/// OperationOutcome, the form FHIR clients understand, rather than the REST API's problem+json.
/// </summary>
internal sealed class FhirAuthentication : IEndpointFilter
{
    /// <summary>An authenticated call goes straight on (no state machine of its own); any other is refused.</summary>
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return context.HttpContext.User.Identity?.IsAuthenticated == true ? next(context) : RefuseAsync(context.HttpContext);
    }

    private static async ValueTask<object?> RefuseAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(CarechainBearerHandler.SchemeName).ConfigureAwait(false);
        var why = result.Failure?.Message switch
        {
            AuthErrors.TokenExpired => "the bearer token has expired; ask for a new one",
            AuthErrors.KeyNotActive => "the token's key is not an active key on this chain",
            AuthErrors.TokenInvalid => "the bearer token is not one this node issued",
            _ => "send Authorization: Bearer TOKEN; get a token with carechain auth token or POST /api/v1/auth/challenge and /api/v1/auth/token",
        };
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return FhirResult.Outcome(StatusCodes.Status401Unauthorized, OperationOutcomes.Unauthenticated(why));
    }
}
