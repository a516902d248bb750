using System.Security.Claims;
using Carechain.Fhir.Capability;
using Carechain.Fhir.Outcomes;
using Carechain.Node.Auth;
using Carechain.Node.Fhir.Projections;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Task = System.Threading.Tasks.Task;

namespace Carechain.Node.Fhir;

/// <summary>
/// Search (<c>GET /fhir/{type}?…</c> and <c>POST /fhir/{type}/_search</c> with a form body) over the
/// stored types, and the chain projections Consent, AuditEvent and Provenance (read, search; create
/// and update answer 405). Mapped inside the bearer-token group of <see cref="FhirEndpoints"/>;
/// the projected types' literal routes take precedence over the stored types' <c>{type}</c> routes.
/// </summary>
internal static class FhirSearchEndpoints
{
    private const string FormContent = "application/x-www-form-urlencoded";

    public static void Map(IEndpointRouteBuilder guarded)
    {
        foreach (var type in SupportedResources.ProjectedTypes)
        {
            guarded.MapGet($"/{type}", (HttpRequest request, ClaimsPrincipal user, FhirProjections projections) =>
                projections.Search(type, Parameters(request.Query), user.CallerKey(), FhirBase(request)));
            guarded.MapPost($"/{type}/_search", async (HttpRequest request, ClaimsPrincipal user, FhirProjections projections, CancellationToken aborted) =>
                await FormAsync(request, aborted).ConfigureAwait(false) is { } parameters
                    ? projections.Search(type, parameters, user.CallerKey(), FhirBase(request))
                    : NotAForm());
            guarded.MapGet($"/{type}/{{id}}", (string id, ClaimsPrincipal user, FhirProjections projections) => projections.Read(type, id, user.CallerKey()));
            guarded.MapPost($"/{type}", () => ReadOnly(type));
            guarded.MapPut($"/{type}/{{id}}", (string id) => ReadOnly(type));
        }

        guarded.MapGet("/{type}", SearchAsync);
        guarded.MapPost("/{type}/_search", SearchFormAsync);
    }

    private static Task<IResult> SearchAsync(string type, HttpRequest request, ClaimsPrincipal user, FhirSearch search, CancellationToken aborted) =>
        Unsupported(type) ?? search.SearchAsync(type, Parameters(request.Query), user.CallerKey(), FhirBase(request), aborted, FhirPurpose.Of(request));

    private static async Task<IResult> SearchFormAsync(string type, HttpRequest request, ClaimsPrincipal user, FhirSearch search, CancellationToken aborted)
    {
        if (Unsupported(type) is { } refusal)
        {
            return await refusal.ConfigureAwait(false);
        }

        return await FormAsync(request, aborted).ConfigureAwait(false) is { } parameters
            ? await search.SearchAsync(type, parameters, user.CallerKey(), FhirBase(request), aborted, FhirPurpose.Of(request)).ConfigureAwait(false)
            : NotAForm();
    }

    /// <summary>The query string's parameters, then the form body's (FHIR's POST _search); null when the body is not a form.</summary>
    private static async Task<List<KeyValuePair<string, string>>?> FormAsync(HttpRequest request, CancellationToken aborted)
    {
        var parameters = Parameters(request.Query);
        if (request.ContentLength is null or 0 && !request.HasFormContentType)
        {
            return parameters;
        }

        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            var form = await request.ReadFormAsync(aborted).ConfigureAwait(false);
            parameters.AddRange(Parameters(form));
            return parameters;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static List<KeyValuePair<string, string>> Parameters(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values) =>
        [.. values.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? string.Empty)))];

    private static string FhirBase(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";

    private static FhirResult NotAForm() =>
        FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, $"POST _search takes its parameters as a {FormContent} body (within the form size limits)");

    private static FhirResult ReadOnly(string type) =>
        FhirResult.Outcome(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported, $"{type} is projected from the chain and read-only");

    private static Task<IResult>? Unsupported(string type) =>
        SupportedResources.IsSupported(type)
            ? null
            : Task.FromResult<IResult>(FhirResult.Outcome(
                StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported,
                $"this server serves {string.Join(", ", [.. SupportedResources.Types, .. SupportedResources.ProjectedTypes])}"));
}
