using Carechain.Core.Crypto;
using Carechain.Fhir.Bundles;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Search;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir;

/// <summary>A transaction Bundle: all writes commit in one ledger transaction, or none is written; its reads and searches follow the writes.</summary>
internal sealed partial class FhirBundles
{
    private async Task<IResult> TransactionAsync(
        EntryReader reader, Bundle bundle, BundleEntryRequest[] requests, CancellationToken cancellationToken)
    {
        var caller = reader.Caller;
        // Its conditional creates are serialised with every other of the same criteria on this node, from the searches to the commit.
        List<(string Type, string Criteria)> conditionalCreates = [.. requests.Where(r => r.IfNoneExist is not null).Select(r => (r.Type, r.IfNoneExist!))];
        using var serialised = await conditional.SerialiseAsync(conditionalCreates, cancellationToken).ConfigureAwait(false);

        // Ids first, so that references between entries can point at what the entries will become;
        // a conditional create that matches becomes the record it matched, and writes nothing.
        var ids = new string[requests.Length];
        var matched = new (string Id, long Version)?[requests.Length];
        var placeholders = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Length; i++)
        {
            var entry = bundle.Entry[i];
            if (requests[i].Method == Bundle.HTTPVerb.GET)
            {
                continue;
            }

            if (requests[i].IfNoneExist is { } criteria)
            {
                var (existing, conflict) = await conditional.ExistingAsync(requests[i].Type, criteria, caller, cancellationToken).ConfigureAwait(false);
                if (conflict is not null)
                {
                    return EntryRefused(i, conflict.Status, (OperationOutcome)conflict.Resource);
                }

                matched[i] = existing;
            }

            if (matched[i] is { } found)
            {
                ids[i] = found.Id;
            }
            else if (requests[i].Id is { } id)
            {
                ids[i] = id;
            }
            else if (entry.Resource is Patient)
            {
                try
                {
                    ids[i] = FhirPatients.PatientOf(entry.Resource).ToString();
                }
                catch (FhirInputException invalid)
                {
                    return EntryRefused(i, StatusCodes.Status400BadRequest, OperationOutcomes.From(invalid.Issues));
                }
            }
            else
            {
                ids[i] = FhirWrites.NewId();
            }

            if (BundleReferences.IsPlaceholder(entry.FullUrl) && !placeholders.TryAdd(entry.FullUrl, $"{requests[i].Type}/{ids[i]}"))
            {
                return Invalid(OperationOutcome.IssueType.Invalid, "two entries have the same fullUrl", $"Bundle.entry[{i}].fullUrl");
            }
        }

        var targets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Length; i++)
        {
            if (matched[i] is not null || requests[i].Method == Bundle.HTTPVerb.GET)
            {
                continue;
            }

            if (!targets.Add($"{requests[i].Type}/{ids[i]}"))
            {
                return Invalid(OperationOutcome.IssueType.Invalid, "two entries write the same resource; a transaction writes each resource once", $"Bundle.entry[{i}]");
            }

            foreach (var reference in BundleReferences.In(bundle.Entry[i].Resource!))
            {
                if (!BundleReferences.IsPlaceholder(reference.Reference))
                {
                    continue;
                }

                if (!placeholders.TryGetValue(reference.Reference, out var resolved))
                {
                    return Invalid(OperationOutcome.IssueType.NotFound, "a reference names a urn:uuid or urn:oid that is no entry's fullUrl", $"Bundle.entry[{i}].resource");
                }

                reference.Reference = resolved;
            }
        }

        var prepared = new PreparedWrite?[requests.Length];
        var check = writes.Check(caller);
        for (var i = 0; i < requests.Length; i++)
        {
            if (requests[i].Method == Bundle.HTTPVerb.GET)
            {
                // Reads run after the writes (FHIR's order), but a read the caller may not make refuses the whole transaction first.
                if (Checked(reader, requests[i]) is { } denied)
                {
                    return EntryRefused(i, denied.Status, (OperationOutcome)denied.Resource);
                }

                continue;
            }

            if (matched[i] is not null)
            {
                continue;
            }

            var (write, refusal) = writes.Prepare(check, requests[i].Type, requests[i].Id, bundle.Entry[i].Resource!, ids[i]);
            if (write is null)
            {
                return EntryRefused(i, refusal!.Status, (OperationOutcome)refusal.Resource);
            }

            prepared[i] = write;
        }

        var toWrite = prepared.OfType<PreparedWrite>().ToList();
        if (toWrite.Count > 0 && await writes.CommitAsync(caller, toWrite, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        if (conditionalCreates.Count > 0)
        {
            await conditional.SettleAsync([.. toWrite.Select(w => w.RecordId)], cancellationToken).ConfigureAwait(false);
        }

        serialised.Dispose();
        var response = Response(Bundle.BundleType.TransactionResponse);
        for (var i = 0; i < requests.Length; i++)
        {
            response.Entry.Add(
                requests[i].Method == Bundle.HTTPVerb.GET ? await GetAsync(reader, requests[i], cancellationToken).ConfigureAwait(false)
                : prepared[i] is { } write ? Written(write, reader.ReturnMinimal)
                : Matched(requests[i].Type, matched[i]!.Value));
        }

        return FhirResult.Ok(response);
    }

    /// <summary>Null when a GET entry could be served now (the caller may read the record; the search parses), else the refusal. Nothing is logged.</summary>
    private FhirResult? Checked(EntryReader reader, BundleEntryRequest request)
    {
        if (request.Search is not { } query)
        {
            return reads.Check(request.Type, request.Id!, reader.Caller, reader.Purpose);
        }

        try
        {
            _ = SearchQuery.Parse(request.Type, SearchParameters(query));
            return null;
        }
        catch (FhirInputException invalid)
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcomes.From(invalid.Issues));
        }
    }

    /// <summary>The whole transaction refused for entry <paramref name="index"/>'s reason, located at that entry.</summary>
    private static FhirResult EntryRefused(int index, int status, OperationOutcome outcome)
    {
        foreach (var issue in outcome.Issue)
        {
            issue.Diagnostics = $"Bundle.entry[{index}]: {issue.Diagnostics}";
        }

        return FhirResult.Outcome(status, outcome);
    }
}
