using Carechain.Core.Crypto;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Task = System.Threading.Tasks.Task;

namespace Carechain.Node.Fhir;

/// <summary>
/// Conditional create (FHIR R4 3.1.0.8.1): <c>If-None-Exist: {search}</c> on <c>POST /fhir/{type}</c>, and
/// <c>request.ifNoneExist</c> on a Bundle's POST entry. The search runs over the records of the type this
/// node keeps that the caller may read: none matches → an ordinary create; one → nothing is written and
/// the existing record answers (200); several → 412 and nothing is written. Two conditional creates racing
/// with the same criteria may both create, as with any server that does not lock searches.
/// </summary>
internal sealed class FhirConditionalCreate(FhirSearch search, FhirReads reads, FhirWrites writes)
{
    public const string Header = "If-None-Exist";

    /// <summary><c>POST /fhir/{type}</c> with <c>If-None-Exist</c>: the existing resource served as a read (its access event logged first), or the create.</summary>
    public async Task<IResult> CreateAsync(string type, string criteria, Ed25519PublicKey caller, HttpRequest request, CancellationToken cancellationToken)
    {
        var (existing, refusal) = await ExistingAsync(type, criteria, caller, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        return existing is { } found
            ? await reads.ReadAsync(type, found.Id, null, caller, cancellationToken).ConfigureAwait(false)
            : await writes.WriteAsync(type, null, caller, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The one record matching <paramref name="criteria"/> (id and current version), none, or the refusal: 400 for bad criteria, 412 for several matches.</summary>
    public async Task<((string Id, long Version)? Existing, FhirResult? Refusal)> ExistingAsync(
        string type, string criteria, Ed25519PublicKey caller, CancellationToken cancellationToken)
    {
        var (matches, refusal) = await search.FindAsync(type, criteria, caller, limit: 2, cancellationToken).ConfigureAwait(false);
        return matches switch
        {
            null => (null, refusal),
            [] => (null, null),
            [var one] => (one, null),
            _ => (null, FhirResult.Outcome(
                StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.Duplicate, $"the {Header} criteria match more than one {type}; nothing was created")),
        };
    }
}
