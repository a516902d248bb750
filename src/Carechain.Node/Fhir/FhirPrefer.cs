using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir;

/// <summary>
/// The <c>Prefer</c> request header (RFC 7240) as FHIR R4 uses it for writes (3.1.0.8.7):
/// <c>return=minimal</c> asks that a create or update, or each write entry of a Bundle, be answered
/// with its status, Location and ETag but without the resource; anything else (or no header) keeps
/// the default, the resource as stored.
/// </summary>
internal static class FhirPrefer
{
    public static bool ReturnMinimal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var preference in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (string.Equals(preference.Replace(" ", string.Empty, StringComparison.Ordinal), "return=minimal", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
