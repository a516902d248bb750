namespace Carechain.Fhir.Search;

/// <summary>One search parameter of a query with its comma-separated values: a resource matches when any value matches.</summary>
public sealed record SearchClause(string Parameter, IReadOnlyList<SearchCriterion> AnyOf)
{
    public bool Matches(IReadOnlyList<IndexEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Any(e => e.Parameter == Parameter && AnyOf.Any(c => c.Matches(e.Value)));
    }
}
