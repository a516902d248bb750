using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Parsing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir;

/// <summary>
/// A FHIR answer: a resource (or OperationOutcome) as <c>application/fhir+json</c> with a status and
/// optional headers. A version read from the vault is answered with its stored JSON as it is: the
/// node wrote those bytes itself from a validated resource, so a read neither parses nor re-serialises them unless a caller asks for <see cref="Resource"/>.
/// </summary>
internal sealed class FhirResult : IResult
{
    public const string ContentType = "application/fhir+json";

    private readonly ReadOnlyMemory<byte> _json;
    private readonly string? _storedType;
    private Resource? _resource;

    public FhirResult(int status, Resource resource)
    {
        Status = status;
        _resource = resource;
    }

    /// <summary>A stored version's JSON (a <paramref name="type"/> resource), exactly as this node wrote it into the vault.</summary>
    public FhirResult(int status, ReadOnlyMemory<byte> json, string type)
    {
        Status = status;
        _json = json;
        _storedType = type;
    }

    private FhirResult(int status)
    {
        Status = status;
    }

    public int Status { get; }

    /// <summary>The resource answered, or the OperationOutcome of a refusal.</summary>
    public Resource Resource => _resource ??= _storedType is null
        ? throw new InvalidOperationException("This answer has no body (Prefer: return=minimal).")
        : FhirResourceReader.Read(_json.Span, _storedType);

    public string? Location { get; init; }

    public string? ETag { get; init; }

    public static FhirResult Ok(Resource resource) => new(StatusCodes.Status200OK, resource);

    /// <summary>A write answered with its status and headers only, as <c>Prefer: return=minimal</c> asks (<see cref="FhirPrefer"/>).</summary>
    public static FhirResult WithoutBody(int status, string location, string etag) => new(status) { Location = location, ETag = etag };

    public static FhirResult Outcome(int status, OperationOutcome outcome) => new(status, outcome);

    public static FhirResult Outcome(int status, OperationOutcome.IssueType code, string diagnostics) =>
        new(status, OperationOutcomes.Of(code, diagnostics));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }

        if (_storedType is null && _resource is null)
        {
            response.ContentLength = 0;
            return;
        }

        response.ContentType = ContentType;
        var body = _storedType is not null ? _json : FhirResourceReader.Write(_resource!);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
