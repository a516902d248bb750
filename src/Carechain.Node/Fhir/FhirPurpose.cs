using Carechain.Modules.Records;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir;

/// <summary>
/// The purpose a FHIR caller reads for (docs/fhir.md): the <c>X-Purpose-Of-Use</c> header with one HL7 v3
/// PurposeOfUse code the records module knows (<see cref="PurposeOfUse"/>), <c>TREAT</c> when absent. Access
/// decisions match it against each grant's purpose, and access events record it. As an endpoint filter on the
/// guarded FHIR routes it refuses an unknown code with 400 before anything runs.
/// </summary>
internal sealed class FhirPurpose : IEndpointFilter
{
    public const string Header = "X-Purpose-Of-Use";

    /// <summary>The request's purpose; call only behind the filter (an unknown code never gets here).</summary>
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers[Header].ToString() is { Length: > 0 } purpose ? purpose : PurposeOfUse.Treatment;
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var values = context.HttpContext.Request.Headers[Header];
        if (values.Count == 0 || (values.Count == 1 && PurposeOfUse.IsKnown(values[0])))
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(FhirResult.Outcome(
            StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value,
            $"{Header} is one HL7 v3 PurposeOfUse code: {string.Join(", ", PurposeOfUse.All.Order(StringComparer.Ordinal))}"));
    }
}
