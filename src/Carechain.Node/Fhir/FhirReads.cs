using System.Globalization;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Parsing;
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
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir;

/// <summary>
/// Read, vread and history: the same gate as the REST record read (<see cref="AccessPolicy"/> at
/// the head, then the access event committed by <see cref="AccessLog"/>), then the vault, whose
/// ciphertext hash must equal the chain's anchor of that version before anything is served.
/// </summary>
internal sealed class FhirReads(NodeRuntime node, NodeVault vault, AccessLog log, TimeProvider time)
{
    public async Task<IResult> ReadAsync(
        string type, string id, long? version, Ed25519PublicKey caller, CancellationToken cancellationToken, string purpose = PurposeOfUse.Treatment)
    {
        var (anchor, refusal) = await OpenAsync(type, id, caller, purpose).ConfigureAwait(false);
        if (anchor is null)
        {
            return refusal!;
        }

        var wanted = version ?? anchor.Version;
        if (wanted < 1 || wanted > anchor.Version)
        {
            return FhirResult.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} has no version {wanted.ToString(CultureInfo.InvariantCulture)}");
        }

        var (json, problem) = await LoadJsonAsync(anchor, wanted, cancellationToken).ConfigureAwait(false);
        return json is null
            ? problem!
            : new FhirResult(StatusCodes.Status200OK, json.Value, type) { ETag = $"W/\"{wanted.ToString(CultureInfo.InvariantCulture)}\"" };
    }

    public async Task<IResult> HistoryAsync(string type, string id, Ed25519PublicKey caller, CancellationToken cancellationToken, string purpose = PurposeOfUse.Treatment)
    {
        var (anchor, refusal) = await OpenAsync(type, id, caller, purpose).ConfigureAwait(false);
        if (anchor is null)
        {
            return refusal!;
        }

        var bundle = new Bundle { Type = Bundle.BundleType.History, Total = (int)anchor.Version, Timestamp = time.GetUtcNow() };
        for (var v = anchor.Version; v >= 1; v--)
        {
            var (resource, problem) = await LoadAsync(anchor, v, cancellationToken).ConfigureAwait(false);
            if (resource is null)
            {
                return problem!;
            }

            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{type}/{id}",
                Resource = resource,
                Request = new Bundle.RequestComponent { Method = v == 1 ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT, Url = v == 1 ? type : $"{type}/{id}" },
                Response = new Bundle.ResponseComponent { Status = v == 1 ? "201 Created" : "200 OK", Etag = $"W/\"{v.ToString(CultureInfo.InvariantCulture)}\"" },
            });
        }

        return FhirResult.Ok(bundle);
    }

    /// <summary>Null when <paramref name="caller"/> may read the record at the head, else the OperationOutcome refusing it; nothing is logged (a transaction checks its reads before its writes).</summary>
    public FhirResult? Check(string type, string id, Ed25519PublicKey caller, string purpose) => Decide(type, id, caller, purpose).Refusal;

    /// <summary>
    /// The record's anchor as the read was decided, once the access event for this caller committed,
    /// or the OperationOutcome refusing it. The anchor is not read again: the event's block decided
    /// the read afresh (an erasure or a revocation before it refuses the entry), and a version
    /// anchored meanwhile is one the caller asked too early to be owed.
    /// </summary>
    private async Task<(RecordAnchor? Anchor, IResult? Refusal)> OpenAsync(string type, string id, Ed25519PublicKey caller, string purpose)
    {
        var (allowed, refusal) = Decide(type, id, caller, purpose);
        if (allowed is null)
        {
            return (null, refusal);
        }

        var (logged, code, detail) = await log.RecordAsync(caller, allowed.RecordId, purpose).ConfigureAwait(false);
        return logged is null ? (null, Refuse(type, id, code, detail)) : (allowed, null);
    }

    /// <summary>
    /// The record's anchor if <paramref name="caller"/> may read it at the head, else the refusal: the
    /// anchor and the caller's standing are each read once and handed to <see cref="AccessPolicy"/>.
    /// </summary>
    private (RecordAnchor? Anchor, FhirResult? Refusal) Decide(string type, string id, Ed25519PublicKey caller, string purpose)
    {
        var records = new ModuleStateReader(node.Store, RecordsModule.ModuleName);
        if (!Hash256.TryParse(id, out var recordId) || RecordsModule.ReadRecord(records, recordId) is not { } anchor || anchor.ResourceType != type)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status404NotFound, OperationOutcomes.NotFound(type, id)));
        }

        var standing = node.PermissionsAtHead().StandingOf(caller);
        var decision = AccessPolicy.Decide(records, anchor, caller, standing, purpose, time.GetUtcNow().ToUnixTimeMilliseconds());
        return decision.Allowed
            ? (anchor, null)
            : (null, Refuse(type, id, decision.ErrorCode, "no grant, custodian role or open break-glass allows this read now"));
    }

    /// <summary>One version from the vault, served only if its ciphertext hash equals the anchor; else the OperationOutcome why not.</summary>
    internal async Task<(Resource? Resource, IResult? Problem)> LoadAsync(RecordAnchor anchor, long version, CancellationToken cancellationToken)
    {
        var (json, problem) = await LoadJsonAsync(anchor, version, cancellationToken).ConfigureAwait(false);
        return json is null ? (null, problem) : (FhirResourceReader.Read(json.Value.Span, anchor.ResourceType), null);
    }

    /// <summary>One version's stored JSON, as <see cref="LoadAsync"/> checks it.</summary>
    private async Task<(ReadOnlyMemory<byte>? Json, IResult? Problem)> LoadJsonAsync(RecordAnchor anchor, long version, CancellationToken cancellationToken)
    {
        var type = anchor.ResourceType;
        var id = anchor.RecordId.ToString();
        var content = await vault.Records.ReadAsync(RecordId.Parse(id), version, cancellationToken).ConfigureAwait(false);
        if (content.State == RecordState.Gone)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status410Gone, OperationOutcomes.Gone(type, id)));
        }

        // The anchor carries its latest version's hash (written with that version's entry); older versions are read.
        var anchored = version == anchor.Version
            ? anchor.CiphertextHash
            : RecordsModule.ReadVersion(new ModuleStateReader(node.Store, RecordsModule.ModuleName), anchor.RecordId, version)?.CiphertextHash;
        if (content.State == RecordState.NotFound || anchored is null)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} version {version.ToString(CultureInfo.InvariantCulture)} is not in this node's vault"));
        }

        if (content.CiphertextHash != anchored)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception, $"{type}/{id} in the vault does not match its anchor on the chain; it is not served"));
        }

        return (content.Plaintext, null);
    }

    private static FhirResult Refuse(string type, string id, string code, string detail)
    {
        var status = ApiProblem.StatusFor(code);
        return status switch
        {
            StatusCodes.Status410Gone => FhirResult.Outcome(status, OperationOutcomes.Gone(type, id)),
            StatusCodes.Status404NotFound => FhirResult.Outcome(status, OperationOutcomes.NotFound(type, id)),
            StatusCodes.Status403Forbidden => FhirResult.Outcome(status, OperationOutcomes.Forbidden($"{detail} [{code}]")),
            _ => FhirResult.Outcome(status, OperationOutcome.IssueType.Transient, $"{detail} [{code}]"),
        };
    }
}
