namespace Carechain.Fhir.Outcomes;

/// <summary>A FHIR request the server refuses, with every issue found; the API answers it as an OperationOutcome.</summary>
public sealed class FhirInputException : Exception
{
    public FhirInputException(IReadOnlyList<FhirIssue> issues)
        : base(Summarise(issues))
    {
        Issues = issues;
    }

    public FhirInputException(FhirIssue issue)
        : this([issue])
    {
    }

    public FhirInputException()
        : this(new FhirIssue(Hl7.Fhir.Model.OperationOutcome.IssueType.Invalid, "the request is invalid"))
    {
    }

    public FhirInputException(string message)
        : this(new FhirIssue(Hl7.Fhir.Model.OperationOutcome.IssueType.Invalid, message))
    {
    }

    public FhirInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Issues = [new FhirIssue(Hl7.Fhir.Model.OperationOutcome.IssueType.Invalid, message)];
    }

    public IReadOnlyList<FhirIssue> Issues { get; }

    private static string Summarise(IReadOnlyList<FhirIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        return issues.Count == 0 ? "the request is invalid" : string.Join("; ", issues.Select(i => i.Diagnostics));
    }
}
