namespace Carechain.Fhir.Search;

/// <summary>A coded value (a Coding, an Identifier, a code): its system, if any, and its code.</summary>
public sealed record TokenValue(string? System, string Code) : IndexValue;
