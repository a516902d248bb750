using System.Net;
using Carechain.Fhir.Bundles;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace Carechain.Cli.Fhir;

/// <summary>
/// Sends an <see cref="ImportPlan"/> to a node's FHIR API with the Firely SDK's client: the Patient
/// first (an existing Patient record is kept), then the clinical resources in transaction Bundles of
/// <see cref="ChunkSize"/>, each entry a conditional create (<c>ifNoneExist</c> on its identifier, see
/// <see cref="ImportItem.IfNoneExist"/>) so that importing a file again stores nothing twice. References to the patient become <c>Patient/{key}</c>; references to
/// entries of earlier chunks become the ids the node assigned; references within a chunk are left
/// to the node; references to anything not imported (skipped types, invalid or external-to-bundle
/// placeholders, conditional references) are removed, keeping their display text.
/// </summary>
internal sealed class BundleImporter(FhirClient client)
{
    /// <summary>Entries per transaction, well under the node's limit of 100.</summary>
    public const int ChunkSize = 50;

    private const string NotImported = "not imported";

    /// <summary>Imports the plan, reporting resources done to <paramref name="progress"/>; stops at the first refused chunk (<see cref="ImportFailure"/>).</summary>
    public async Task<ImportSummary> ImportAsync(ImportPlan plan, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var patientReference = $"Patient/{plan.PatientKey}";
        var patientCreated = false;
        var dropped = 0;
        if (plan.Patient is { } patient)
        {
            patient.Id = null;
            dropped += Rewrite(patient, patientReference, plan.PatientReferences, [], []);
            patientCreated = await CreatePatientAsync(patient, cancellationToken);
        }

        progress?.Report(1);
        var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
        var done = 0;
        var existing = 0;
        foreach (var chunk in plan.Items.Chunk(ChunkSize))
        {
            var inChunk = new HashSet<string>(chunk.SelectMany(Names), StringComparer.Ordinal);
            var transaction = new Bundle { Type = Bundle.BundleType.Transaction };
            foreach (var item in chunk)
            {
                dropped += Rewrite(item.Resource, patientReference, plan.PatientReferences, assigned, inChunk);
                item.Resource.Id = null;
                transaction.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = BundleReferences.IsPlaceholder(item.FullUrl) ? item.FullUrl : $"urn:uuid:{Guid.NewGuid()}",
                    Resource = item.Resource,
                    Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = item.Resource.TypeName, IfNoneExist = item.IfNoneExist },
                });
            }

            Bundle response;
            try
            {
                response = await client.TransactionAsync(transaction, cancellationToken) ?? throw new ImportFailure(done, "the node answered the transaction with no Bundle");
            }
            catch (FhirOperationException refused)
            {
                throw new ImportFailure(done, $"the node refused a transaction of {chunk.Length} resources ({(int)refused.Status}): {Diagnostics(refused)}");
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                if (response.Entry.ElementAtOrDefault(i)?.Response?.Status?.StartsWith("200", StringComparison.Ordinal) == true)
                {
                    existing++;
                }

                var location = response.Entry.ElementAtOrDefault(i)?.Response?.Location;
                var address = location is null ? null : string.Join('/', location.Split('/').Take(2));
                foreach (var name in Names(chunk[i]))
                {
                    if (address is not null)
                    {
                        assigned[name] = address;
                    }
                }
            }

            done += chunk.Length;
            progress?.Report(chunk.Length);
        }

        return new ImportSummary(plan.PatientKey.ToString(), patientCreated, done - existing, existing, plan.Skipped, plan.Invalid, dropped);
    }

    /// <summary>True when the Patient was created; false when this node already keeps the patient's Patient record.</summary>
    private async Task<bool> CreatePatientAsync(Patient patient, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateAsync(patient, cancellationToken);
            return true;
        }
        catch (FhirOperationException refused) when (refused.Status == HttpStatusCode.Conflict
            && refused.Outcome?.Issue.FirstOrDefault()?.Code == OperationOutcome.IssueType.Duplicate)
        {
            return false;
        }
        catch (FhirOperationException refused)
        {
            throw new ImportFailure(0, $"the node refused the Patient ({(int)refused.Status}): {Diagnostics(refused)}");
        }
    }

    /// <summary>Rewrites the resource's references in place; returns how many it removed.</summary>
    private static int Rewrite(Resource resource, string patientReference, IReadOnlySet<string> patientNames, Dictionary<string, string> assigned, HashSet<string> inChunk)
    {
        var dropped = 0;
        foreach (var reference in BundleReferences.In(resource))
        {
            var target = reference.Reference;
            if (target is null || target == patientReference || inChunk.Contains(target))
            {
                continue;
            }

            if (patientNames.Contains(target))
            {
                reference.Reference = patientReference;
            }
            else if (assigned.TryGetValue(target, out var address))
            {
                reference.Reference = address;
            }
            else if (BundleReferences.IsPlaceholder(target) || target.Contains('?', StringComparison.Ordinal) || !target.Contains("://", StringComparison.Ordinal))
            {
                // Points at something this import does not create: keep what it says, not where it points.
                reference.Reference = null;
                reference.Display ??= NotImported;
                dropped++;
            }
        }

        return dropped;
    }

    private static IEnumerable<string> Names(ImportItem item) => item.LocalReference is { } local ? [item.FullUrl, local] : [item.FullUrl];

    /// <summary>The node's diagnostics (they quote no resource content: the node withholds values).</summary>
    private static string Diagnostics(FhirOperationException refused) =>
        refused.Outcome?.Issue.Select(i => i.Diagnostics).FirstOrDefault(d => !string.IsNullOrEmpty(d)) ?? refused.Status.ToString();
}
