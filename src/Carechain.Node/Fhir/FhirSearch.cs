using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Parsing;
using Carechain.Fhir.Search;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Modules.Governance;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.Anchors;
using Carechain.Node.Api;
using Carechain.Node.Hosting;
using Carechain.Node.Records;
using Carechain.Node.Vault;
using Carechain.Vault.Records;
using Carechain.Vault.Storage;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Task = System.Threading.Tasks.Task;

namespace Carechain.Node.Fhir;

/// <summary>
/// Search over the records this node keeps (docs/fhir.md). Candidates are the chain's anchors of
/// the type whose custodian is this node's organisation (the patient's own index when the search
/// names patients); only those <see cref="AccessPolicy"/> allows the caller at the head count. Each
/// is decrypted from the vault, checked against its anchor, indexed by <see cref="SearchIndexer"/>
/// and matched by <see cref="SearchQuery"/>. Before the page is served, an access event for every
/// record on it is committed, exactly as for a read; a record the chain refuses at block time is
/// left out. Records the caller may not see are never counted, named or decrypted for matching.
/// </summary>
internal sealed partial class FhirSearch(NodeRuntime node, NodeVault vault, AccessLog log, TimeProvider time, ILogger<FhirSearch> logger)
{
    public async Task<IResult> SearchAsync(
        string type, IReadOnlyList<KeyValuePair<string, string>> parameters, Ed25519PublicKey caller, string fhirBase, CancellationToken cancellationToken,
        string purpose = PurposeOfUse.Treatment)
    {
        SearchQuery query;
        try
        {
            query = SearchQuery.Parse(type, parameters);
        }
        catch (FhirInputException invalid)
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcomes.From(invalid.Issues));
        }

        var now = time.GetUtcNow();
        var matches = await MatchAsync(query, caller, purpose, int.MaxValue, cancellationToken).ConfigureAwait(false);
        var page = matches.Skip(query.Offset).Take(query.Count).ToList();
        var (refused, failure) = await LogAsync(page, caller, purpose, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var served = page.Where(m => !refused.Contains(m.Id)).Select(m => m.Resource);
        return FhirResult.Ok(SearchsetBundle.Create(fhirBase, type, parameters, query.Count, query.Offset, matches.Count, served, now));
    }

    /// <summary>
    /// The records this node keeps that <paramref name="caller"/> may read and that match <paramref name="criteria"/> (a search's
    /// query string, as <c>If-None-Exist</c> carries it), at most <paramref name="limit"/>, as (id, version); for conditional
    /// creates. Nothing is served, so nothing is logged. Null and a 400 OperationOutcome when the criteria are refused or empty.
    /// </summary>
    public async Task<(IReadOnlyList<(string Id, long Version)>? Matches, FhirResult? Refusal)> FindAsync(
        string type, string criteria, Ed25519PublicKey caller, int limit, CancellationToken cancellationToken)
    {
        var parameters = QueryHelpers.ParseQuery(criteria.StartsWith('?') ? criteria : "?" + criteria)
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? string.Empty)))
            .ToList();
        SearchQuery query;
        try
        {
            query = SearchQuery.Parse(type, parameters);
        }
        catch (FhirInputException invalid)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcomes.From(invalid.Issues)));
        }

        if (query.Clauses.Count == 0)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, "a conditional create names at least one search parameter"));
        }

        var matches = await MatchAsync(query, caller, PurposeOfUse.Treatment, limit, cancellationToken).ConfigureAwait(false);
        return ([.. matches.Select(m => (m.Id.ToString(), m.Version))], null);
    }

    /// <summary>
    /// The candidates <see cref="AccessPolicy"/> lets <paramref name="caller"/> read at the head that match <paramref name="query"/>,
    /// in record id order, at most <paramref name="limit"/>. Only readable records are decrypted.
    /// </summary>
    private async Task<List<Match>> MatchAsync(SearchQuery query, Ed25519PublicKey caller, string purpose, int limit, CancellationToken cancellationToken)
    {
        var records = new ModuleStateReader(node.Store, RecordsModule.ModuleName);
        var permissions = node.PermissionsAtHead();
        var custodian = permissions.OrganisationOf(node.NodeKey.PublicKey);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var matches = new List<Match>();
        foreach (var anchor in Candidates(query, custodian))
        {
            if (matches.Count >= limit)
            {
                break;
            }

            if (anchor.ResourceType != query.ResourceType || anchor.Custodian != custodian || anchor.IsErased
                || !AccessPolicy.Decide(records, permissions, caller, anchor.RecordId, purpose, now).Allowed)
            {
                continue;
            }

            if (await LoadAsync(anchor, cancellationToken).ConfigureAwait(false) is { } resource && query.Matches(SearchIndexer.Index(resource)))
            {
                matches.Add(new Match(anchor.RecordId, anchor.Patient, anchor.Version, resource));
            }
        }

        return matches;
    }

    /// <summary>
    /// Commits the access events of a page before it is served: one records/access-batch per patient,
    /// submitted together so they share a block. When the chain refuses a batch (a grant revoked since
    /// the head was read, say), that patient's records are logged one by one and the refused ones are
    /// left out. Any other failure (no leader, commit timeout) fails the search: nothing is served unlogged.
    /// </summary>
    private async Task<(HashSet<Hash256> Refused, IResult? Failure)> LogAsync(
        List<Match> page, Ed25519PublicKey caller, string purpose, CancellationToken cancellationToken)
    {
        var refused = new HashSet<Hash256>();
        var batches = page.GroupBy(m => m.Patient).SelectMany(g => g.Select(m => m.Id).Chunk(AccessBatchRequest.MaxRecords)).ToList();
        var logged = await Task.WhenAll(batches.Select(b => log.RecordBatchAsync(caller, b, purpose, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < batches.Count; i++)
        {
            var (txId, code, detail) = logged[i];
            if (txId is not null)
            {
                continue;
            }

            if (Failure(code, detail) is { } failure)
            {
                return (refused, failure);
            }

            var singles = await Task.WhenAll(batches[i].Select(id => log.RecordAsync(caller, id, purpose))).ConfigureAwait(false);
            for (var j = 0; j < singles.Length; j++)
            {
                if (singles[j].Logged is not null)
                {
                    continue;
                }

                if (Failure(singles[j].Code, singles[j].Detail) is { } single)
                {
                    return (refused, single);
                }

                refused.Add(batches[i][j]);
            }
        }

        return (refused, null);
    }

    /// <summary>An OperationOutcome for a refusal that is not about the caller's right to a record, or null for one that is.</summary>
    private static FhirResult? Failure(string code, string detail) =>
        ApiProblem.StatusFor(code) is not (StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound or StatusCodes.Status410Gone) and var status
            ? FhirResult.Outcome(status, OperationOutcome.IssueType.Transient, $"{detail} [{code}]")
            : null;

    /// <summary>
    /// Record heads of <c>type</c> that <paramref name="custodian"/> keeps, in record id order, from the node's
    /// <see cref="RecordHeadsIndex"/>: the named patients' when the search has a <c>patient</c> clause (any of
    /// its values), otherwise all of them. Cost follows the candidates, not the chain.
    /// </summary>
    private IEnumerable<RecordAnchor> Candidates(SearchQuery query, OrganisationId? custodian)
    {
        if (custodian is not { } keeper)
        {
            return [];
        }

        if (query.Clauses.FirstOrDefault(c => c.Parameter == "patient") is { } patients)
        {
            var keys = patients.AnyOf.OfType<ReferenceCriterion>()
                .Select(r => Ed25519PublicKey.TryParse(r.Id, out var key) ? key : (Ed25519PublicKey?)null)
                .OfType<Ed25519PublicKey>()
                .Distinct();
            return keys
                .SelectMany(key => node.RecordHeads.KeptFor(node.Store, key, keeper, query.ResourceType))
                .OrderBy(a => a.RecordId.ToString(), StringComparer.Ordinal);
        }

        return node.RecordHeads.Kept(node.Store, keeper, query.ResourceType);
    }

    /// <summary>The head version decrypted, or null when the vault no longer holds it or it does not match its anchor.</summary>
    private async Task<Resource?> LoadAsync(RecordAnchor anchor, CancellationToken cancellationToken)
    {
        var content = await vault.Records.ReadAsync(RecordId.Parse(anchor.RecordId.ToString()), anchor.Version, cancellationToken).ConfigureAwait(false);
        if (content.State != RecordState.Found)
        {
            return null;
        }

        if (content.CiphertextHash != anchor.CiphertextHash)
        {
            LogMismatch(logger, anchor.RecordId.ToString(), anchor.Version);
            return null;
        }

        return FhirResourceReader.Read(content.Plaintext.Span, anchor.ResourceType);
    }

    private sealed record Match(Hash256 Id, Ed25519PublicKey Patient, long Version, Resource Resource);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Error, Message = "Record {RecordId} version {Version} in the vault does not match its anchor; left out of search results")]
    private static partial void LogMismatch(ILogger logger, string recordId, long version);
}
