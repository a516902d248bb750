using System.Globalization;
using System.Security.Claims;
using Carechain.Fhir.Capability;
using Carechain.Fhir.Outcomes;
using Carechain.Node.Auth;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Fhir;

/// <summary>
/// The FHIR R4 API at <c>/fhir</c> (docs/fhir.md): the CapabilityStatement without credentials;
/// create, read, vread, update and history for <see cref="SupportedResources"/> with a bearer
/// token. Every answer is <c>application/fhir+json</c>; every error an OperationOutcome.
/// </summary>
internal static class FhirEndpoints
{
    private static readonly DateTimeOffset Published = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    public static void Map(IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").ExcludeFromDescription();
        fhir.MapGet("/metadata", Metadata);
        var guarded = fhir.MapGroup(string.Empty).AddEndpointFilter<FhirAuthentication>().AddEndpointFilter<FhirPurpose>();
        guarded.MapPost("/{type}", CreateAsync);
        guarded.MapPost("/", BundleAsync);
        guarded.MapGet("/{type}/{id}", ReadAsync);
        guarded.MapPut("/{type}/{id}", UpdateAsync);
        guarded.MapGet("/{type}/{id}/_history", HistoryAsync);
        guarded.MapGet("/{type}/{id}/_history/{vid}", VersionReadAsync);
        FhirSearchEndpoints.Map(guarded);
        DelegatedTokenRoute.Allow(guarded.MapGet("/Patient/{id}/$everything", EverythingAsync));
    }

    private static FhirResult Metadata(HttpRequest request)
    {
        var version = typeof(FhirEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return FhirResult.Ok(CapabilityStatementFactory.Create(new Uri($"{request.Scheme}://{request.Host}/fhir"), version, Published));
    }

    private static Task<IResult> CreateAsync(
        string type, HttpRequest request, ClaimsPrincipal user, FhirWrites writes, FhirConditionalCreate conditional, CancellationToken aborted) =>
        Supported(type) ?? (request.Headers[FhirConditionalCreate.Header].ToString() is { Length: > 0 } criteria
            ? conditional.CreateAsync(type, criteria, user.CallerKey(), request, aborted)
            : writes.WriteAsync(type, null, user.CallerKey(), request, aborted));

    private static Task<IResult> BundleAsync(HttpRequest request, ClaimsPrincipal user, FhirBundles bundles, CancellationToken aborted) =>
        bundles.PostAsync(user.CallerKey(), request, aborted);

    private static Task<IResult> UpdateAsync(string type, string id, HttpRequest request, ClaimsPrincipal user, FhirWrites writes, CancellationToken aborted) =>
        Supported(type) ?? writes.WriteAsync(type, id, user.CallerKey(), request, aborted);

    private static Task<IResult> ReadAsync(string type, string id, HttpRequest request, ClaimsPrincipal user, FhirReads reads, CancellationToken aborted) =>
        Supported(type) ?? reads.ReadAsync(type, id, null, user.CallerKey(), aborted, FhirPurpose.Of(request));

    private static Task<IResult> VersionReadAsync(
        string type, string id, string vid, HttpRequest request, ClaimsPrincipal user, FhirReads reads, CancellationToken aborted) =>
        Supported(type) ?? (long.TryParse(vid, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? reads.ReadAsync(type, id, version, user.CallerKey(), aborted, FhirPurpose.Of(request))
            : Task.FromResult<IResult>(FhirResult.Outcome(StatusCodes.Status404NotFound, OperationOutcomes.NotFound(type, $"{id}/_history/{vid}"))));

    private static Task<IResult> HistoryAsync(string type, string id, HttpRequest request, ClaimsPrincipal user, FhirReads reads, CancellationToken aborted) =>
        Supported(type) ?? reads.HistoryAsync(type, id, user.CallerKey(), aborted, FhirPurpose.Of(request));

    private static Task<IResult> EverythingAsync(string id, HttpRequest request, ClaimsPrincipal user, Everything.FhirEverything everything, CancellationToken aborted)
    {
        List<KeyValuePair<string, string>> parameters = [.. request.Query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? string.Empty)))];
        var (query, problem) = Everything.EverythingQuery.Parse(parameters);
        return query is null
            ? Task.FromResult<IResult>(FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, problem!))
            : everything.GatherAsync(id, query with { Purpose = FhirPurpose.Of(request) }, parameters, user, request, aborted);
    }

    private static Task<IResult>? Supported(string type) =>
        SupportedResources.IsSupported(type)
            ? null
            : Task.FromResult<IResult>(FhirResult.Outcome(
                StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, $"this server serves {string.Join(", ", SupportedResources.Types)}"));
}
