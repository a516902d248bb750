namespace Carechain.Fhir.Search;

/// <summary>How a string search value matches: FHIR's default (starts with, folded), <c>:contains</c> or <c>:exact</c>.</summary>
public enum StringMatch
{
    StartsWith,
    Contains,
    Exact,
}
