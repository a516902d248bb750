using System.Globalization;
using Carechain.Fhir.Search;

namespace Carechain.Node.Fhir.Everything;

/// <summary>
/// The parameters of <c>Patient/{id}/$everything</c>: <c>_local</c> (only this node's part), <c>_count</c>
/// (1–1000, default 1000) and <c>_offset</c> paging, and <c>_since</c> (records whose current version was
/// anchored at or after that time). Any other parameter is refused, so a typo never widens an answer.
/// </summary>
internal sealed record EverythingQuery(bool LocalOnly, int Count, int Offset, DateTimeOffset? Since)
{
    /// <summary>The purpose the caller reads for (<see cref="FhirPurpose"/>); sent on to each custodian.</summary>
    public string Purpose { get; init; } = Modules.Records.PurposeOfUse.Treatment;

    /// <summary>Parameters that shape the answer only.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "_pretty", "_format" };

    /// <summary>The query, or null and the name of the first refused parameter with why (never its value).</summary>
    public static (EverythingQuery? Query, string? Problem) Parse(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = new EverythingQuery(false, SearchQuery.MaxCount, 0, null);
        foreach (var (key, value) in parameters)
        {
            switch (key)
            {
                case "_local" when value is "true" or "false":
                    query = query with { LocalOnly = value == "true" };
                    break;
                case "_local":
                    return (null, "_local is true or false");
                case "_count" when Number(value) is >= 1 and <= SearchQuery.MaxCount and var count:
                    query = query with { Count = count };
                    break;
                case "_count":
                    return (null, $"_count is a whole number from 1 to {SearchQuery.MaxCount}");
                case "_offset" when Number(value) is >= 0 and var offset:
                    query = query with { Offset = offset };
                    break;
                case "_offset":
                    return (null, "_offset is a whole number from 0");
                case "_since" when FhirDateRange.TryParse(value, out var since):
                    query = query with { Since = since.Start };
                    break;
                case "_since":
                    return (null, "_since is a FHIR instant, e.g. 2024-05-01T10:00:00Z");
                default:
                    if (!Ignored.Contains(key))
                    {
                        return (null, $"parameter '{Printable(key)}' is not supported by $everything");
                    }

                    break;
            }
        }

        return (query, null);
    }

    /// <summary>The parameters a custodian's node is asked with for its slice of a page.</summary>
    public string LocalQueryString(int offset, int count) =>
        $"_local=true&_count={count.ToString(CultureInfo.InvariantCulture)}&_offset={offset.ToString(CultureInfo.InvariantCulture)}"
        + (Since is { } since ? $"&_since={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))}" : string.Empty);

    /// <summary>A parameter name as given when it looks like one, else a placeholder: error texts never echo arbitrary input.</summary>
    private static string Printable(string key) =>
        key.Length <= 32 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '.') ? key : "?";

    private static int? Number(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
