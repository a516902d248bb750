using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;

namespace Carechain.Node.Fhir;

/// <summary>
/// A <c>searchset</c> Bundle: the total count of matches the caller may see, one page of them, and
/// <c>self</c>/<c>next</c>/<c>previous</c> links that repeat the search with <c>_count</c> and <c>_offset</c>.
/// </summary>
internal static class SearchsetBundle
{
    public static Bundle Create(
        string fhirBase, string type, IReadOnlyList<KeyValuePair<string, string>> parameters, int count, int offset, int total,
        IEnumerable<Resource> page, DateTimeOffset now)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = total, Timestamp = now };
        AddLinks(bundle, fhirBase, type, parameters, count, offset, total);
        foreach (var resource in page)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{fhirBase}/{type}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return bundle;
    }

    /// <summary>The <c>self</c>, <c>next</c> and <c>previous</c> links of one page of <paramref name="total"/> results of <c>{fhirBase}/{path}</c>.</summary>
    public static void AddLinks(
        Bundle bundle, string fhirBase, string path, IReadOnlyList<KeyValuePair<string, string>> parameters, int count, int offset, int total)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        bundle.Link.Add(Link("self", fhirBase, path, parameters, count, offset));
        if ((long)offset + count < total)
        {
            bundle.Link.Add(Link("next", fhirBase, path, parameters, count, offset + count));
        }

        if (offset > 0)
        {
            bundle.Link.Add(Link("previous", fhirBase, path, parameters, count, Math.Max(0, offset - count)));
        }
    }

    private static Bundle.LinkComponent Link(
        string relation, string fhirBase, string type, IReadOnlyList<KeyValuePair<string, string>> parameters, int count, int offset)
    {
        var url = new StringBuilder(fhirBase).Append('/').Append(type).Append('?');
        foreach (var (key, value) in parameters.Where(p => p.Key is not ("_count" or "_offset")))
        {
            url.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        url.Append("_count=").Append(count.ToString(CultureInfo.InvariantCulture))
            .Append("&_offset=").Append(offset.ToString(CultureInfo.InvariantCulture));
        return new Bundle.LinkComponent { Relation = relation, Url = url.ToString() };
    }
}
