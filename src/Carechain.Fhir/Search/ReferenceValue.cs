namespace Carechain.Fhir.Search;

/// <summary>A reference to another resource, by type and id (e.g. the patient an Observation is about).</summary>
public sealed record ReferenceValue(string ResourceType, string Id) : IndexValue;
