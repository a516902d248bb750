using Carechain.Fhir.Outcomes;
using Carechain.Node.Api;
using Carechain.Node.Fhir;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Auth;

/// <summary>
/// Middleware after authentication: a request that presented a delegated token on a route not marked
/// <see cref="DelegatedTokenRoute"/> is answered 403 <c>delegated_token_not_allowed</c> (an OperationOutcome
/// under <c>/fhir</c>, problem+json elsewhere) and goes no further, whether or not the route needs a caller.
/// The bearer handler has already refused to authenticate it, so no endpoint ever sees such a principal.
/// </summary>
internal static class DelegatedTokenScope
{
    public const string Detail = "a delegated token (cc2) is accepted only by Patient/$everything at the custodian it names";

    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (CarechainBearerHandler.FailureOf(context) != AuthErrors.DelegatedTokenNotAllowed)
        {
            return next(context);
        }

        return context.Request.Path.StartsWithSegments("/fhir", StringComparison.OrdinalIgnoreCase)
            ? FhirResult.Outcome(StatusCodes.Status403Forbidden, OperationOutcomes.Forbidden($"{Detail} [{AuthErrors.DelegatedTokenNotAllowed}]")).ExecuteAsync(context)
            : ApiProblem.For(AuthErrors.DelegatedTokenNotAllowed, Detail).ExecuteAsync(context);
    }
}
