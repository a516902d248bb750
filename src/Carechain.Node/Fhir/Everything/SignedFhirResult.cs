using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir.Everything;

/// <summary>A FHIR answer already serialised, sent with the custodian's signature over exactly those bytes.</summary>
internal sealed class SignedFhirResult(byte[] body, string signature) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = FhirResult.ContentType;
        response.Headers[CustodianSignature.Header] = signature;
        await response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
