using System.Security.Claims;
using Carechain.Core.Crypto;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Parsing;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.Anchors;
using Carechain.Node.Auth;
using Carechain.Node.Hosting;
using Carechain.Node.Records;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir.Everything;

/// <summary>
/// <c>Patient/{id}/$everything</c> (ADR 0010): every record of the patient the caller may read now,
/// from every custodian. The chain says which organisations keep the patient's records and which of
/// them <see cref="AccessPolicy"/> lets the caller read; this node serves its own (each read's access
/// event committed first, as for a plain read) and asks each other custodian's node for its part
/// with a delegated token. That node decides again and commits its own access events. A custodian
/// that cannot be reached becomes an OperationOutcome entry naming it; the rest is still answered.
/// A call authenticated by another node's delegated token, or with <c>_local=true</c>, answers only
/// this node's part, signed by its node key.
/// </summary>
internal sealed class FhirEverything(NodeRuntime node, FhirReads reads, AccessLog log, CustodianGateway custodians, TimeProvider time)
{
    private const int ParallelReads = 16;

    public async Task<IResult> GatherAsync(
        string id, EverythingQuery query, IReadOnlyList<KeyValuePair<string, string>> parameters, ClaimsPrincipal user, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var permissions = new Permissions(node.Store, node.Chain.Genesis);
        if (!Ed25519PublicKey.TryParse(id, out var patient) || permissions.RoleOf(patient) != IdentityRole.Patient)
        {
            return FhirResult.Outcome(StatusCodes.Status404NotFound, OperationOutcomes.NotFound("Patient", id));
        }

        var caller = user.CallerKey();
        var delegated = user.DelegatedBy() is not null;
        var localOnly = query.LocalOnly || delegated;
        var records = new ModuleStateReader(node.Store, RecordsModule.ModuleName);
        var now = time.GetUtcNow();
        var own = permissions.OrganisationOf(node.NodeKey.PublicKey);
        var since = query.Since?.ToUnixTimeMilliseconds();

        // Every record in the answer, in one order that does not depend on which node gathers: by custodian, then record id.
        var ordered = PatientAnchors.Read(node.Store, patient)
            .Where(a => (!localOnly || a.Custodian == own) && (since is null || a.TimestampMs >= since)
                && AccessPolicy.Decide(records, permissions, caller, a.RecordId, query.Purpose, now.ToUnixTimeMilliseconds()).Allowed)
            .OrderBy(a => a.Custodian.Value, StringComparer.Ordinal)
            .ThenBy(a => a.RecordId.ToString(), StringComparer.Ordinal)
            .ToList();
        var page = ordered.Skip(query.Offset).Take(query.Count).ToList();
        var fhirBase = $"{request.Scheme}://{request.Host}/fhir";
        var parts = page.GroupBy(a => a.Custodian).Select(slice =>
        {
            // The custodian's node orders its own part the same way, so the slice is a window of it.
            var offset = query.Offset + page.FindIndex(a => a.Custodian == slice.Key) - ordered.FindIndex(a => a.Custodian == slice.Key);
            return slice.Key == own
                ? ReadOwnAsync([.. slice], caller, query.Purpose, fhirBase, cancellationToken)
                : FetchAsync(slice.Key, patient, caller, query.LocalQueryString(offset, slice.Count()), query.Purpose, cancellationToken);
        }).ToList();

        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Timestamp = now, Total = ordered.Count };
        SearchsetBundle.AddLinks(bundle, fhirBase, $"Patient/{id}/$everything", parameters, query.Count, query.Offset, ordered.Count);
        foreach (var part in parts)
        {
            bundle.Entry.AddRange(await part.ConfigureAwait(false));
        }

        if (!delegated)
        {
            return FhirResult.Ok(bundle);
        }

        var body = FhirResourceReader.Write(bundle);
        var token = request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        return new SignedFhirResult(body, CustodianSignature.Sign(node.NodeKey, token, body));
    }

    /// <summary>A custodian's slice of the page, checked against the chain, or an outcome entry saying why it could not be gathered.</summary>
    private async Task<IEnumerable<Bundle.EntryComponent>> FetchAsync(
        OrganisationId custodian, Ed25519PublicKey patient, Ed25519PublicKey caller, string slice, string purpose, CancellationToken cancellationToken)
    {
        var (part, problem) = await custodians.FetchAsync(custodian, patient, caller, slice, purpose, cancellationToken).ConfigureAwait(false);
        return part is null
            ? [Outcome($"the records kept by organisation {custodian.Value} could not be gathered: {problem}")]
            : [.. Checked(part, custodian, patient)];
    }

    /// <summary>This node's records, each served only once its access event committed; one outcome entry per record that could not be.</summary>
    private async Task<IEnumerable<Bundle.EntryComponent>> ReadOwnAsync(
        List<RecordAnchor> anchors, Ed25519PublicKey caller, string purpose, string fhirBase, CancellationToken cancellationToken)
    {
        var entries = new Bundle.EntryComponent[anchors.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, anchors.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var anchor = anchors[i];
                var name = $"{anchor.ResourceType}/{anchor.RecordId}";
                var (logged, code, _) = await log.RecordAsync(caller, anchor.RecordId, purpose).ConfigureAwait(false);
                if (logged is null || RecordsModule.ReadRecord(new ModuleStateReader(node.Store, RecordsModule.ModuleName), anchor.RecordId) is not { } current)
                {
                    entries[i] = Outcome($"{name} was not served: the chain did not record the access [{code}]");
                    return;
                }

                var (resource, _) = await reads.LoadAsync(current, current.Version, token).ConfigureAwait(false);
                entries[i] = resource is null
                    ? Outcome($"{name} was not served: this node's vault cannot serve it")
                    : new Bundle.EntryComponent
                    {
                        FullUrl = $"{fhirBase}/{name}",
                        Resource = resource,
                        Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
                    };
            }).ConfigureAwait(false);
        return entries;
    }

    /// <summary>The entries of a custodian's part, keeping only resources the chain anchors as this patient's records at that custodian.</summary>
    private IEnumerable<Bundle.EntryComponent> Checked(Bundle part, OrganisationId custodian, Ed25519PublicKey patient)
    {
        var records = new ModuleStateReader(node.Store, RecordsModule.ModuleName);
        var dropped = 0;
        foreach (var entry in part.Entry)
        {
            if (entry.Resource is OperationOutcome && entry.Search?.Mode == Bundle.SearchEntryMode.Outcome)
            {
                yield return entry;
            }
            else if (entry.Resource is { } resource && Core.Hashing.Hash256.TryParse(resource.Id, out var recordId)
                && RecordsModule.ReadRecord(records, recordId) is { } anchor
                && anchor.Custodian == custodian && anchor.Patient == patient && anchor.ResourceType == resource.TypeName)
            {
                entry.Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match };
                yield return entry;
            }
            else
            {
                dropped++;
            }
        }

        if (dropped > 0)
        {
            yield return Outcome($"{dropped} entries from organisation {custodian.Value} were left out: the chain does not anchor them as this patient's records there");
        }
    }

    private static Bundle.EntryComponent Outcome(string diagnostics) => new()
    {
        Resource = OperationOutcomes.From([new FhirIssue(OperationOutcome.IssueType.Incomplete, diagnostics) { Severity = OperationOutcome.IssueSeverity.Warning }]),
        Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
    };
}
