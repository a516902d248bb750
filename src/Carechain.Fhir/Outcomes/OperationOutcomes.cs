using Hl7.Fhir.Model;

namespace Carechain.Fhir.Outcomes;

/// <summary>Builds the OperationOutcome resources the FHIR API answers errors with.</summary>
public static class OperationOutcomes
{
    public static OperationOutcome From(IEnumerable<FhirIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var outcome = new OperationOutcome();
        foreach (var issue in issues)
        {
            var component = new OperationOutcome.IssueComponent
            {
                Severity = issue.Severity,
                Code = issue.Code,
                Diagnostics = issue.Diagnostics,
            };
            if (issue.Expression is not null)
            {
                component.Expression = [issue.Expression];
            }

            outcome.Issue.Add(component);
        }

        return outcome;
    }

    public static OperationOutcome Of(OperationOutcome.IssueType code, string diagnostics) => From([new FhirIssue(code, diagnostics)]);

    /// <summary>The answer to a FHIR call without valid credentials (HTTP 401).</summary>
    public static OperationOutcome Unauthenticated(string why) => Of(OperationOutcome.IssueType.Login, why);

    /// <summary>The answer to a caller the chain gives no right to the data (HTTP 403).</summary>
    public static OperationOutcome Forbidden(string why) => Of(OperationOutcome.IssueType.Forbidden, why);

    /// <summary>The answer for a resource the server does not hold (HTTP 404).</summary>
    public static OperationOutcome NotFound(string resourceType, string id) =>
        Of(OperationOutcome.IssueType.NotFound, $"{resourceType}/{id} is not known here");

    /// <summary>The answer for an erased resource (HTTP 410): its keys and ciphertext are destroyed.</summary>
    public static OperationOutcome Gone(string resourceType, string id) =>
        Of(OperationOutcome.IssueType.Deleted, $"{resourceType}/{id} was erased at the patient's request");
}
