namespace Carechain.Fhir.Search;

/// <summary>One search parameter value of a resource.</summary>
public sealed record IndexEntry(string Parameter, IndexValue Value);
