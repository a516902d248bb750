using Carechain.Core.Crypto;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Task = System.Threading.Tasks.Task;

namespace Carechain.Node.Fhir;

/// <summary>A batch Bundle: every entry runs on its own, as the single call would, and gets its own status.</summary>
internal sealed partial class FhirBundles
{
    private async Task<IResult> BatchAsync(EntryReader reader, Bundle bundle, BundleEntryRequest[] requests, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(requests.Select((request, i) => EntryAsync(reader, request, bundle.Entry[i].Resource, cancellationToken)))
            .ConfigureAwait(false);
        var response = Response(Bundle.BundleType.BatchResponse);
        response.Entry.AddRange(answers);
        return FhirResult.Ok(response);
    }

    private async Task<Bundle.EntryComponent> EntryAsync(
        EntryReader reader, BundleEntryRequest request, Resource? resource, CancellationToken cancellationToken)
    {
        if (request.Method == Bundle.HTTPVerb.GET)
        {
            return await GetAsync(reader, request, cancellationToken).ConfigureAwait(false);
        }

        var caller = reader.Caller;
        if (request.IfNoneExist is { } criteria)
        {
            var (existing, conflict) = await conditional.ExistingAsync(request.Type, criteria, caller, cancellationToken).ConfigureAwait(false);
            if (conflict is not null)
            {
                return Failed(conflict);
            }

            if (existing is { } found)
            {
                return Matched(request.Type, found);
            }
        }

        var (write, refusal) = writes.Prepare(writes.Check(caller), request.Type, request.Id, resource!, newId: null);
        if (write is null)
        {
            return Failed(refusal!);
        }

        return await writes.CommitAsync(caller, [write], cancellationToken).ConfigureAwait(false) is { } failed ? Failed(failed) : Written(write, reader.ReturnMinimal);
    }
}
