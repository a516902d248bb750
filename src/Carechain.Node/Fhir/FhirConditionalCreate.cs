using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Records;
using Carechain.Node.Hosting;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Task = System.Threading.Tasks.Task;

namespace Carechain.Node.Fhir;

/// <summary>
/// Conditional create (FHIR R4 3.1.0.8.1): <c>If-None-Exist: {search}</c> on <c>POST /fhir/{type}</c>, and
/// <c>request.ifNoneExist</c> on a Bundle's POST entry. The search runs over the records of the type this
/// node keeps that the caller may read: none matches → an ordinary create; one → nothing is written and
/// the existing record answers (200); several → 412 and nothing is written. Conditional creates with the
/// same type and criteria (the same parameters in any order) are serialised on this node
/// (<see cref="SerialiseAsync"/>): each searches only once the one before it committed and its record is in
/// this node's state, so of many identical ones racing exactly one creates. Each body is read before the wait, so a
/// slow upload holds up no other. Unconditional creates never wait.
/// </summary>
internal sealed class FhirConditionalCreate(NodeRuntime node, FhirSearch search, FhirReads reads, FhirWrites writes)
{
    public const string Header = "If-None-Exist";

    /// <summary>How long a conditional create that committed waits, still serialised, for its record to reach this node's state (a follower's lags the leader's).</summary>
    private static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(10);

    private readonly ConditionalCreateLocks _locks = new();

    /// <summary><c>POST /fhir/{type}</c> with <c>If-None-Exist</c>: the existing resource served as a read (its access event logged first), or the create.</summary>
    public async Task<IResult> CreateAsync(string type, string criteria, Ed25519PublicKey caller, HttpRequest request, CancellationToken cancellationToken)
    {
        // The body is read before the lock, so a slow upload holds up no other create with the same criteria.
        var body = await FhirRequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return FhirRequestBody.TooLarge();
        }

        (string Id, long Version) found;
        using (await SerialiseAsync([(type, criteria)], cancellationToken).ConfigureAwait(false))
        {
            var (existing, refusal) = await ExistingAsync(type, criteria, caller, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }

            if (existing is null)
            {
                var written = await writes.WriteAsync(type, null, caller, request, body, cancellationToken).ConfigureAwait(false);
                if (CreatedRecord(written) is { } created)
                {
                    await SettleAsync([created], cancellationToken).ConfigureAwait(false);
                }

                return written;
            }

            found = existing.Value;
        }

        return await reads.ReadAsync(type, found.Id, null, caller, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Holds the conditional creates <paramref name="creates"/> (type and criteria) against every other with the same ones,
    /// from before their search until they are released: after the commit and <see cref="SettleAsync"/>. Nothing to hold, nothing to wait for.
    /// </summary>
    public Task<IDisposable> SerialiseAsync(IReadOnlyCollection<(string Type, string Criteria)> creates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(creates);
        return _locks.EnterAsync(creates.Select(c => KeyOf(c.Type, c.Criteria)), cancellationToken);
    }

    /// <summary>
    /// Waits (at most <see cref="SettleWait"/>) until every record of <paramref name="created"/> is in this node's state, so the
    /// next conditional create with the same criteria finds it. On the node that commits blocks it already is; a follower's
    /// state follows the leader's by a block or so.
    /// </summary>
    public async Task SettleAsync(IReadOnlyCollection<Hash256> created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(created);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(SettleWait);
        while (true)
        {
            var nextBlock = node.Notifier.NextBlock;
            var records = new ModuleStateReader(node.Store, RecordsModule.ModuleName);
            if (created.All(id => RecordsModule.ReadRecord(records, id) is not null))
            {
                return;
            }

            try
            {
                await nextBlock.WaitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The lock key of a conditional create: its type and its criteria's parameters in one order, so the same search written twice is one key.</summary>
    private static string KeyOf(string type, string criteria)
    {
        var parameters = QueryHelpers.ParseQuery(criteria.StartsWith('?') ? criteria : "?" + criteria)
            .SelectMany(p => p.Value.Select(v => p.Key + "=" + v))
            .Order(StringComparer.Ordinal);
        return type + "?" + string.Join('&', parameters);
    }

    /// <summary>The record a write created (answered 201 at <c>…/{type}/{id}/_history/{version}</c>), or null.</summary>
    private static Hash256? CreatedRecord(IResult written) =>
        written is FhirResult { Status: StatusCodes.Status201Created, Location: { } location } && location.Split('/') is { Length: >= 3 } parts
            && Hash256.TryParse(parts[^3], out var id)
            ? id
            : null;
}
