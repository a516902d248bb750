using System.Globalization;
using Carechain.Fhir.Capability;
using Hl7.Fhir.Model;

namespace Carechain.Node.Fhir;

/// <summary>
/// What one Bundle entry asks for, parsed from its <c>request</c>: <c>POST {type}</c>,
/// <c>PUT {type}/{id}</c> or <c>GET {type}/{id}[/_history/{vid}]</c>, relative to the FHIR base.
/// A POST may carry <c>ifNoneExist</c> (conditional create); other conditional requests, searches and
/// other methods are refused by <see cref="TryParse"/>.
/// </summary>
internal sealed record BundleEntryRequest(Bundle.HTTPVerb Method, string Type, string? Id, long? Version)
{
    /// <summary>A POST's <c>request.ifNoneExist</c> search, or null for an unconditional create.</summary>
    public string? IfNoneExist { get; init; }

    /// <summary>The request, or null with <paramref name="problem"/> saying what is wrong (never quoting the entry's content).</summary>
    public static BundleEntryRequest? TryParse(Bundle.EntryComponent entry, bool allowReads, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var request = entry.Request;
        if (request?.Method is not { } method || string.IsNullOrEmpty(request.Url))
        {
            problem = "the entry has no request with a method and url";
            return null;
        }

        if (method is not (Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT) && !(allowReads && method == Bundle.HTTPVerb.GET))
        {
            problem = allowReads
                ? "a batch here takes POST, PUT and GET entries"
                : "a transaction here takes POST and PUT entries";
            return null;
        }

        if ((request.IfNoneExist is not null && method != Bundle.HTTPVerb.POST) || request.IfMatch is not null || request.IfNoneMatch is not null || request.IfModifiedSince is not null
            || request.Url.Contains('?', StringComparison.Ordinal))
        {
            problem = "of conditional requests a Bundle here takes only ifNoneExist on a POST; searches are not supported";
            return null;
        }

        var parts = request.Url.TrimStart('/').Split('/');
        if (!SupportedResources.IsSupported(parts[0]))
        {
            problem = $"the entry's url must start with a supported type: {string.Join(", ", SupportedResources.Types)}";
            return null;
        }

        problem = null;
        switch (method)
        {
            case Bundle.HTTPVerb.POST when parts.Length == 1:
                return new BundleEntryRequest(method, parts[0], null, null) { IfNoneExist = request.IfNoneExist is { Length: > 0 } criteria ? criteria : null };
            case Bundle.HTTPVerb.PUT when parts.Length == 2 && parts[1].Length > 0:
                return new BundleEntryRequest(method, parts[0], parts[1], null);
            case Bundle.HTTPVerb.GET when parts.Length == 2 && parts[1].Length > 0:
                return new BundleEntryRequest(method, parts[0], parts[1], null);
            case Bundle.HTTPVerb.GET when parts.Length == 4 && parts[1].Length > 0 && parts[2] == "_history"
                && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var version):
                return new BundleEntryRequest(method, parts[0], parts[1], version);
            default:
                problem = "the entry's url must be {type} for POST, {type}/{id} for PUT, {type}/{id}[/_history/{vid}] for GET";
                return null;
        }
    }
}
