using System.Globalization;
using Carechain.Fhir.Capability;
using Hl7.Fhir.Model;

namespace Carechain.Node.Fhir;

/// <summary>
/// What one Bundle entry asks for, parsed from its <c>request</c>: <c>POST {type}</c>,
/// <c>PUT {type}/{id}</c>, <c>GET {type}/{id}[/_history/{vid}]</c> or <c>GET {type}?{search}</c>, relative to the FHIR base.
/// A POST may carry <c>ifNoneExist</c> (conditional create); other conditional requests and other
/// methods are refused by <see cref="TryParse"/>.
/// </summary>
internal sealed record BundleEntryRequest(Bundle.HTTPVerb Method, string Type, string? Id, long? Version)
{
    /// <summary>A GET search entry's query string (<c>{type}?{search}</c>, possibly empty), or null for any other entry.</summary>
    public string? Search { get; init; }

    /// <summary>A POST's <c>request.ifNoneExist</c> search, or null for an unconditional create.</summary>
    public string? IfNoneExist { get; init; }

    /// <summary>The request, or null with <paramref name="problem"/> saying what is wrong (never quoting the entry's content).</summary>
    public static BundleEntryRequest? TryParse(Bundle.EntryComponent entry, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var request = entry.Request;
        if (request?.Method is not { } method || string.IsNullOrEmpty(request.Url))
        {
            problem = "the entry has no request with a method and url";
            return null;
        }

        if (method is not (Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT or Bundle.HTTPVerb.GET))
        {
            problem = "a Bundle here takes POST, PUT and GET entries";
            return null;
        }

        var query = request.Url.IndexOf('?', StringComparison.Ordinal);
        if ((request.IfNoneExist is not null && method != Bundle.HTTPVerb.POST) || request.IfMatch is not null || request.IfNoneMatch is not null
            || request.IfModifiedSince is not null || (query >= 0 && method != Bundle.HTTPVerb.GET))
        {
            problem = "of conditional requests a Bundle here takes only ifNoneExist on a POST";
            return null;
        }

        var parts = (query < 0 ? request.Url : request.Url[..query]).TrimStart('/').Split('/');
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
            case Bundle.HTTPVerb.GET when parts.Length == 1:
                return new BundleEntryRequest(method, parts[0], null, null) { Search = query < 0 ? string.Empty : request.Url[(query + 1)..] };
            case Bundle.HTTPVerb.GET when parts.Length == 2 && parts[1].Length > 0 && query < 0:
                return new BundleEntryRequest(method, parts[0], parts[1], null);
            case Bundle.HTTPVerb.GET when parts.Length == 4 && query < 0 && parts[1].Length > 0 && parts[2] == "_history"
                && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var version):
                return new BundleEntryRequest(method, parts[0], parts[1], version);
            default:
                problem = "the entry's url must be {type} for POST, {type}/{id} for PUT, {type}/{id}[/_history/{vid}] or {type}?{search} for GET";
                return null;
        }
    }
}
