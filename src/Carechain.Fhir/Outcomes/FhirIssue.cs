using Hl7.Fhir.Model;

namespace Carechain.Fhir.Outcomes;

/// <summary>
/// One problem with a FHIR request, as an OperationOutcome issue: its code from the FHIR
/// IssueType value set, a message for people, and where in the resource it is (a FHIRPath
/// expression, when known). Messages never carry the values of the resource.
/// </summary>
public sealed record FhirIssue(OperationOutcome.IssueType Code, string Diagnostics, string? Expression = null)
{
    public OperationOutcome.IssueSeverity Severity { get; init; } = OperationOutcome.IssueSeverity.Error;
}
