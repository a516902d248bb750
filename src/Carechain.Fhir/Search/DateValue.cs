namespace Carechain.Fhir.Search;

/// <summary>A date, dateTime, instant or Period of a resource, as the range of time it covers.</summary>
public sealed record DateValue(FhirDateRange Range) : IndexValue;
