namespace Carechain.Fhir.Search;

/// <summary>One value of a search parameter; a resource matches when one of its values under that parameter satisfies it.</summary>
public abstract record SearchCriterion
{
    public abstract bool Matches(IndexValue value);
}
