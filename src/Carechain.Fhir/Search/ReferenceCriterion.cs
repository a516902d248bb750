namespace Carechain.Fhir.Search;

/// <summary>A reference search value: <c>Type/id</c>, or a bare id of the parameter's target type.</summary>
public sealed record ReferenceCriterion(string ResourceType, string Id) : SearchCriterion
{
    public override bool Matches(IndexValue value) =>
        value is ReferenceValue r && string.Equals(r.ResourceType, ResourceType, StringComparison.Ordinal) && string.Equals(r.Id, Id, StringComparison.Ordinal);
}
