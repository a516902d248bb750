namespace Carechain.Fhir.Search;

/// <summary>One value a resource is findable by, under one search parameter.</summary>
public abstract record IndexValue;
