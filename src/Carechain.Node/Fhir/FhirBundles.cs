using Carechain.Core.Crypto;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Parsing;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Task = System.Threading.Tasks.Task;

namespace Carechain.Node.Fhir;

/// <summary>
/// <c>POST /fhir</c> with a <c>transaction</c> or <c>batch</c> Bundle (FHIR R4 3.1.0.11). A batch runs
/// each entry on its own and answers each with its own status; a transaction checks every entry
/// first, resolves <c>urn:uuid:</c> references between its entries, and then seals and anchors all of
/// them in one ledger transaction, or refuses the whole Bundle with nothing written. Entries go
/// through <see cref="FhirWrites"/> and <see cref="FhirReads"/>, exactly as single calls do.
/// </summary>
internal sealed partial class FhirBundles(FhirWrites writes, FhirReads reads, FhirSearch search, FhirConditionalCreate conditional, TimeProvider time)
{
    /// <summary>The most entries in one Bundle: a transaction's anchors then fit one ledger transaction.</summary>
    public const int MaxEntries = Modules.Records.Anchors.AnchorBatchOnBehalfRequest.MaxAnchors;

    public async Task<IResult> PostAsync(Ed25519PublicKey caller, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await FhirRequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return FhirRequestBody.TooLarge();
        }

        Bundle bundle;
        try
        {
            bundle = (Bundle)FhirResourceReader.Read(body, "Bundle");
        }
        catch (FhirInputException invalid)
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcomes.From(invalid.Issues));
        }

        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Batch))
        {
            return Invalid(OperationOutcome.IssueType.Invalid, "POST /fhir takes a Bundle of type transaction or batch", "Bundle.type");
        }

        if (bundle.Entry.Count > MaxEntries)
        {
            return Invalid(OperationOutcome.IssueType.TooCostly, $"a Bundle here holds at most {MaxEntries} entries; split it", "Bundle.entry");
        }

        var transaction = bundle.Type == Bundle.BundleType.Transaction;
        var requests = new BundleEntryRequest[bundle.Entry.Count];
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            var parsed = BundleEntryRequest.TryParse(entry, out var problem);
            if (parsed is null)
            {
                return Invalid(OperationOutcome.IssueType.NotSupported, problem!, $"Bundle.entry[{i}].request");
            }

            if (parsed.Method != Bundle.HTTPVerb.GET && entry.Resource?.TypeName != parsed.Type)
            {
                return Invalid(OperationOutcome.IssueType.Invalid, $"a {parsed.Method} entry carries a resource of the type its url names", $"Bundle.entry[{i}].resource");
            }

            requests[i] = parsed;
        }

        var reader = new EntryReader(caller, FhirPurpose.Of(request), FhirRequestBody.BaseUrl(request), FhirPrefer.ReturnMinimal(request));
        return transaction
            ? await TransactionAsync(reader, bundle, requests, cancellationToken).ConfigureAwait(false)
            : await BatchAsync(reader, bundle, requests, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A GET entry run as the single call would be: a read or vread (access decided, the access event committed, then
    /// served) or a search (a searchset Bundle as the entry's resource, each served record logged); a refusal as the entry's outcome.
    /// </summary>
    private async Task<Bundle.EntryComponent> GetAsync(EntryReader reader, BundleEntryRequest request, CancellationToken cancellationToken)
    {
        if (request.Search is { } query)
        {
            var found = (FhirResult)await search.SearchAsync(request.Type, SearchParameters(query), reader.Caller, reader.FhirBase, cancellationToken, reader.Purpose)
                .ConfigureAwait(false);
            return found.Status == StatusCodes.Status200OK
                ? new Bundle.EntryComponent { Resource = found.Resource, Response = new Bundle.ResponseComponent { Status = StatusLine(found.Status) } }
                : Failed(found);
        }

        var read = (FhirResult)await reads.ReadAsync(request.Type, request.Id!, request.Version, reader.Caller, cancellationToken, reader.Purpose).ConfigureAwait(false);
        return read.Status == StatusCodes.Status200OK
            ? new Bundle.EntryComponent
            {
                FullUrl = $"{request.Type}/{request.Id}",
                Resource = read.Resource,
                Response = new Bundle.ResponseComponent { Status = StatusLine(read.Status), Etag = $"W/\"{read.Resource.Meta?.VersionId}\"", LastModified = read.Resource.Meta?.LastUpdated },
            }
            : Failed(read);
    }

    private static List<KeyValuePair<string, string>> SearchParameters(string query) =>
        [.. QueryHelpers.ParseQuery("?" + query).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? string.Empty)))];

    private static Bundle.EntryComponent Failed(FhirResult refusal) => new()
    {
        Response = new Bundle.ResponseComponent
        {
            Status = StatusLine(refusal.Status),
            Outcome = refusal.Resource,
        },
    };

    /// <summary>
    /// Who runs a Bundle, for what purpose (<see cref="FhirPurpose"/>), the base its search links use, and
    /// whether written entries are answered without their resource (<see cref="FhirPrefer"/>).
    /// </summary>
    private sealed record EntryReader(Ed25519PublicKey Caller, string Purpose, string FhirBase, bool ReturnMinimal);

    private Bundle Response(Bundle.BundleType type) => new() { Type = type, Timestamp = time.GetUtcNow() };

    private static Bundle.EntryComponent Written(PreparedWrite write, bool minimal) => new()
    {
        FullUrl = $"{write.Type}/{write.Id}",
        Resource = minimal ? null : write.Resource,
        Response = new Bundle.ResponseComponent
        {
            Status = StatusLine(write.IsCreate ? StatusCodes.Status201Created : StatusCodes.Status200OK),
            Location = write.VersionPath,
            Etag = write.ETag,
            LastModified = write.Resource.Meta!.LastUpdated,
        },
    };

    /// <summary>A conditional create that found its one match: nothing written, the existing version named (its content is not served, so no read is logged).</summary>
    private static Bundle.EntryComponent Matched(string type, (string Id, long Version) existing) => new()
    {
        FullUrl = $"{type}/{existing.Id}",
        Response = new Bundle.ResponseComponent
        {
            Status = StatusLine(StatusCodes.Status200OK),
            Location = $"{type}/{existing.Id}/_history/{existing.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            Etag = $"W/\"{existing.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"",
        },
    };

    private static string StatusLine(int status) => $"{status} {ReasonPhrases.GetReasonPhrase(status)}";

    private static FhirResult Invalid(OperationOutcome.IssueType code, string diagnostics, string expression) =>
        FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcomes.From([new FhirIssue(code, diagnostics, expression)]));
}
