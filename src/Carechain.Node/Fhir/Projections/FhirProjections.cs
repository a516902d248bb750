using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Search;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.Anchors;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Modules.Records.Consent;
using Carechain.Node.Hosting;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir.Projections;

/// <summary>
/// Consent, AuditEvent and Provenance read from the chain at this node's head, never stored: read by
/// id and searched by patient. Who sees which is <see cref="RecordFactPolicy"/>'s one rule; what a
/// caller may not see is refused on read (403) and neither counted nor named in a search. They hold
/// ids, keys, codes and times only, no health data, so serving them logs no access event.
/// </summary>
internal sealed class FhirProjections(NodeRuntime node, TimeProvider time)
{
    public const string ConsentType = "Consent";
    public const string AuditEventType = "AuditEvent";
    public const string ProvenanceType = "Provenance";

    public IResult Read(string type, string id, Ed25519PublicKey caller)
    {
        var (resource, patient, fact, custodian) = Hash256.TryParse(id, out var hash) ? Find(type, hash)
            : TransactionEntryId.TryParse(id, out var txId, out var index) ? FindEntry(type, txId, index)
            : default;
        if (resource is null)
        {
            return FhirResult.Outcome(StatusCodes.Status404NotFound, OperationOutcomes.NotFound(type, id));
        }

        return RecordFactPolicy.MaySee(new Permissions(node.Store, node.Chain.Genesis), caller, fact, patient, custodian)
            ? FhirResult.Ok(resource)
            : FhirResult.Outcome(StatusCodes.Status403Forbidden, OperationOutcomes.Forbidden($"only the patient (and for {type}, {Who(fact)}) may see it"));
    }

    public IResult Search(string type, IReadOnlyList<KeyValuePair<string, string>> parameters, Ed25519PublicKey caller, string fhirBase)
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

        var patientClauses = query.Clauses.Where(c => c.Parameter == "patient").ToList();
        if (patientClauses.Count == 0)
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required, $"a {type} search needs patient=Patient/[key]");
        }

        // Every patient clause must name the patient (clauses are AND-ed; values within one OR-ed).
        var patients = patientClauses
            .Select(c => c.AnyOf.OfType<ReferenceCriterion>().Select(r => r.Id).ToHashSet(StringComparer.Ordinal))
            .Aggregate((a, b) => { a.IntersectWith(b); return a; })
            .Select(id => Ed25519PublicKey.TryParse(id, out var key) ? key : (Ed25519PublicKey?)null)
            .OfType<Ed25519PublicKey>()
            .Distinct()
            .ToList();
        var permissions = new Permissions(node.Store, node.Chain.Genesis);
        var visible = patients
            .SelectMany(p => Facts(type, p))
            .Where(f => RecordFactPolicy.MaySee(permissions, caller, f.Fact, f.Patient, f.Custodian))
            .Select(f => f.Resource)
            .OfType<Resource>()
            .ToList();
        var page = visible.Skip(query.Offset).Take(query.Count);
        return FhirResult.Ok(SearchsetBundle.Create(fhirBase, type, parameters, query.Count, query.Offset, visible.Count, page, time.GetUtcNow()));
    }

    private static string Who(RecordFact fact) => fact switch
    {
        RecordFact.Access => "an auditor",
        RecordFact.Anchor => "the custodian's clinical members",
        _ => "no one else",
    };

    private ModuleStateReader Records => new(node.Store, RecordsModule.ModuleName);

    private ProjectedFact Find(string type, Hash256 id) => type switch
    {
        ConsentType => RecordsModule.ReadGrant(Records, id) is { } grant ? Consent(grant) : default,
        AuditEventType => RecordsModule.ReadBreakGlass(Records, id) is { } glass ? BreakGlass(glass) : FindAccess(id),
        _ => FindProvenance(id),
    };

    /// <summary>The access events of one records/access or access-batch transaction, found from its first record's patient.</summary>
    private ProjectedFact FindAccess(Hash256 id)
    {
        var access = Committed(id, AccessRequest.Operation) ?? Committed(id, AccessBatchRequest.Operation);
        if (access is null)
        {
            return default;
        }

        var payload = access.Transaction.Payload.Span;
        var firstRecord = access.Transaction.Operation == AccessRequest.Operation
            ? AccessRequest.Decode(payload).RecordId
            : AccessBatchRequest.Decode(payload).RecordIds[0];
        List<AccessEvent> reads = RecordsModule.ReadRecord(Records, firstRecord) is { } read
            ? [.. Scan(RecordsKeys.PatientAccess(read.Patient, access.Height, id)).Select(e => AccessEvent.Decode(e.Value))]
            : [];
        return reads.Count > 0 ? Access(reads, id.ToString()) : default;
    }

    private ProjectedFact FindEntry(string type, Hash256 txId, int index) => type switch
    {
        AuditEventType => FindLogged(txId, index),
        ProvenanceType => FindAnchored(txId, index),
        _ => default,
    };

    /// <summary>The version anchored by one entry of a records/anchor-log or anchor-batch-for transaction; none for an entry refused.</summary>
    private ProjectedFact FindAnchored(Hash256 txId, int index)
    {
        var anchored = Committed(txId, AnchorLogRequest.Operation) ?? Committed(txId, AnchorBatchOnBehalfRequest.Operation);
        var requests = anchored is null ? [] : AnchorRequests(anchored.Transaction);
        if (index >= requests.Count)
        {
            return default;
        }

        var records = Records;
        var request = requests[index];
        return RecordsModule.ReadRecord(records, request.RecordId) is { IsErased: false } anchor
            && RecordsModule.ReadVersion(records, request.RecordId, request.Version) is { } version && version.TxId == txId
                ? Provenance(anchor, version)
                : default;
    }

    /// <summary>The anchors of a many-anchor transaction, in entry order; empty for any other transaction.</summary>
    private static IReadOnlyList<AnchorVersionRequest> AnchorRequests(Transaction tx) => tx.Operation switch
    {
        AnchorLogRequest.Operation => [.. AnchorLogRequest.Decode(tx.Payload.Span).Entries.Select(e => e.Anchor)],
        AnchorBatchOnBehalfRequest.Operation => AnchorBatchOnBehalfRequest.Decode(tx.Payload.Span).Anchors,
        _ => [],
    };

    /// <summary>The access event of one entry of a records/access-log transaction; none for an entry the chain refused.</summary>
    private ProjectedFact FindLogged(Hash256 txId, int index)
    {
        var log = Committed(txId, AccessLogRequest.Operation);
        var entries = log is null ? [] : AccessLogRequest.Decode(log.Transaction.Payload.Span).Entries;
        if (index >= entries.Count || RecordsModule.ReadRecord(Records, entries[index].RecordId) is not { } record)
        {
            return default;
        }

        var stored = Records.Get(RecordsKeys.PatientBatchAccess(record.Patient, log!.Height, txId, index));
        return stored is null ? default : Access([AccessEvent.Decode(stored)], TransactionEntryId.Format(txId, index));
    }

    private ProjectedFact FindProvenance(Hash256 id)
    {
        var anchored = Committed(id, AnchorVersionRequest.Operation) ?? Committed(id, AnchorOnBehalfRequest.Operation);
        if (anchored is null)
        {
            return default;
        }

        var payload = anchored.Transaction.Payload.Span;
        var request = anchored.Transaction.Operation == AnchorVersionRequest.Operation
            ? AnchorVersionRequest.Decode(payload)
            : AnchorOnBehalfRequest.Decode(payload).Anchor;
        var records = Records;
        return RecordsModule.ReadRecord(records, request.RecordId) is { IsErased: false } anchor
            && RecordsModule.ReadVersion(records, request.RecordId, request.Version) is { } version && version.TxId == id
                ? Provenance(anchor, version)
                : default;
    }

    private IEnumerable<ProjectedFact> Facts(string type, Ed25519PublicKey patient)
    {
        var records = Records;
        switch (type)
        {
            case ConsentType:
                return Scan(RecordsKeys.PatientGrantsPrefix(patient))
                    .Select(e => RecordsModule.ReadGrant(records, LastHash(e.Key)))
                    .OfType<ConsentGrant>()
                    .OrderBy(g => g.Height)
                    .Select(Consent);
            case AuditEventType:
                var reads = Scan(RecordsKeys.PatientAccessPrefix(patient))
                    .Select(e => (e.Key, Event: AccessEvent.Decode(e.Value)))
                    .GroupBy(a => a.Event.TxId)
                    .SelectMany(AccessFacts)
                    .Select(f => (f.Timestamp, f.Fact));
                var glasses = Scan(RecordsKeys.PatientBreakGlassPrefix(patient))
                    .Select(e => RecordsModule.ReadBreakGlass(records, LastHash(e.Key)))
                    .OfType<BreakGlassRecord>()
                    .Select(g => (TimestampMs: g.StartMs, Fact: BreakGlass(g)));
                return reads.Concat(glasses).OrderBy(f => f.Item1).Select(f => f.Item2);
            default:
                return Scan(RecordsKeys.PatientRecordsPrefix(patient))
                    .Select(e => RecordsModule.ReadRecord(records, LastHash(e.Key)))
                    .OfType<RecordAnchor>()
                    .Where(a => !a.IsErased)
                    .SelectMany(a => Enumerable.Range(1, (int)a.Version)
                        .Select(v => RecordsModule.ReadVersion(records, a.RecordId, v))
                        .OfType<RecordVersion>()
                        .Select(v => Provenance(a, v)));
        }
    }

    private ProjectedFact Consent(ConsentGrant grant) =>
        new(ConsentProjection.From(grant, Records, time.GetUtcNow().ToUnixTimeMilliseconds()), grant.Patient, RecordFact.Consent, null);

    /// <summary>
    /// One AuditEvent for the reads of an access or access-batch transaction, named by its id; one per
    /// entry for an access-log transaction, whose entries are reads by different callers (ADR 0013).
    /// </summary>
    private IEnumerable<(long Timestamp, ProjectedFact Fact)> AccessFacts(IGrouping<Hash256, (byte[] Key, AccessEvent Event)> transaction)
    {
        var reads = transaction.ToList();
        var at = reads[0].Event.TimestampMs;
        if (node.Store.ReadTransaction(new TxId(transaction.Key))?.Transaction.Operation != AccessLogRequest.Operation)
        {
            return [(at, Access([.. reads.Select(r => r.Event)], transaction.Key.ToString()))];
        }

        // An access-log entry's key ends with its index (RecordsKeys.PatientBatchAccess), two bytes big-endian.
        return reads.Select(r => (at, Access([r.Event], TransactionEntryId.Format(transaction.Key, (r.Key[^2] << 8) | r.Key[^1]))));
    }

    private ProjectedFact Access(List<AccessEvent> reads, string id) => new(AuditEventProjection.From(reads, Records, id), reads[0].Patient, RecordFact.Access, null);

    private static ProjectedFact BreakGlass(BreakGlassRecord glass) => new(AuditEventProjection.From(glass), glass.Patient, RecordFact.Access, null);

    /// <summary>The version's Provenance, named by its anchor transaction, or by the entry that anchored it in a many-anchor one.</summary>
    private ProjectedFact Provenance(RecordAnchor anchor, RecordVersion version)
    {
        var tx = node.Store.ReadTransaction(new TxId(version.TxId))?.Transaction;
        var index = tx is null ? -1 : AnchorRequests(tx).Select(r => r.RecordId).ToList().IndexOf(anchor.RecordId);
        var id = index < 0 ? version.TxId.ToString() : TransactionEntryId.Format(version.TxId, index);
        return new(ProvenanceProjection.From(anchor, version, tx, id), anchor.Patient, RecordFact.Anchor, anchor.Custodian);
    }

    /// <summary>A successful records transaction of the given operation, or null.</summary>
    private Ledger.Storage.StoredTransaction? Committed(Hash256 id, string operation)
    {
        var txId = new TxId(id);
        return node.Store.ReadTransaction(txId) is { } stored
            && stored.Transaction.Module == RecordsModule.ModuleName && stored.Transaction.Operation == operation
            && node.Store.ReadReceipt(txId) is { Status: ReceiptStatus.Success }
                ? stored
                : null;
    }

    private IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] prefix)
    {
        var full = StateKeys.Full(RecordsModule.ModuleName, prefix);
        byte[]? after = null;
        while (true)
        {
            var entries = node.Store.ScanState(full, after, 1_000);
            foreach (var entry in entries)
            {
                yield return entry;
            }

            if (entries.Count < 1_000)
            {
                yield break;
            }

            after = entries[^1].Key;
        }
    }

    private static Hash256 LastHash(byte[] key) => Hash256.Read(key.AsSpan(key.Length - Hash256.Size));
}
