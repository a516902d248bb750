using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Parsing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir;

/// <summary>A FHIR answer: a resource (or OperationOutcome) as <c>application/fhir+json</c> with a status and optional headers.</summary>
internal sealed class FhirResult(int status, Resource resource) : IResult
{
    public const string ContentType = "application/fhir+json";

    public int Status => status;

    /// <summary>The resource answered, or the OperationOutcome of a refusal.</summary>
    public Resource Resource => resource;

    public string? Location { get; init; }

    public string? ETag { get; init; }

    public static FhirResult Ok(Resource resource) => new(StatusCodes.Status200OK, resource);

    public static FhirResult Outcome(int status, OperationOutcome outcome) => new(status, outcome);

    public static FhirResult Outcome(int status, OperationOutcome.IssueType code, string diagnostics) =>
        new(status, OperationOutcomes.Of(code, diagnostics));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }

        await response.Body.WriteAsync(FhirResourceReader.Write(resource), httpContext.RequestAborted).ConfigureAwait(false);
    }
}
