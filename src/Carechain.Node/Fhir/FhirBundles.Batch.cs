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

        if (request.IfNoneExist is not { } criteria)
        {
            return await CreateOrUpdateAsync(reader, request, resource!, settle: false, cancellationToken).ConfigureAwait(false);
        }

        // Serialised with every conditional create of the same criteria on this node, from the search to the commit.
        using (await conditional.SerialiseAsync([(request.Type, criteria)], cancellationToken).ConfigureAwait(false))
        {
            var (existing, conflict) = await conditional.ExistingAsync(request.Type, criteria, reader.Caller, cancellationToken).ConfigureAwait(false);
            if (conflict is not null)
            {
                return Failed(conflict);
            }

            return existing is { } found
                ? Matched(request.Type, found)
                : await CreateOrUpdateAsync(reader, request, resource!, settle: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Bundle.EntryComponent> CreateOrUpdateAsync(
        EntryReader reader, BundleEntryRequest request, Resource resource, bool settle, CancellationToken cancellationToken)
    {
        var caller = reader.Caller;
        var (write, refusal) = writes.Prepare(writes.Check(caller), request.Type, request.Id, resource, newId: null);
        if (write is null)
        {
            return Failed(refusal!);
        }

        if (await writes.CommitAsync(caller, [write], cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return Failed(failed);
        }

        if (settle)
        {
            await conditional.SettleAsync([write.RecordId], cancellationToken).ConfigureAwait(false);
        }

        return Written(write, reader.ReturnMinimal);
    }
}
