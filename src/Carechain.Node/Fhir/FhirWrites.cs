using System.Globalization;
using System.Security.Cryptography;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Parsing;
using Carechain.Ledger.State;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
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
/// Create and update (ADR 0009): an authenticated clinical member of this node's organisation sends
/// a resource; the node validates it, assigns id, version and lastUpdated (<see cref="Prepare"/>),
/// seals it into the vault, and anchors the ciphertext hash signed by the node key on the member's
/// behalf, answering only after the anchor committed (<see cref="CommitAsync"/>). A single write and
/// every entry of a transaction or batch Bundle go through these same two steps. Everything the chain
/// would refuse is checked before the vault write, so a refused write leaves nothing behind.
/// </summary>
internal sealed class FhirWrites(NodeRuntime node, NodeVault vault, NodeSubmitter submitter, AnchorLog anchors, TimeProvider time)
{
    /// <summary><c>POST /fhir/{type}</c> (<paramref name="id"/> null) and <c>PUT /fhir/{type}/{id}</c>.</summary>
    public async Task<IResult> WriteAsync(
        string type, string? id, Ed25519PublicKey caller, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await FhirRequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        return body is null
            ? FhirRequestBody.TooLarge()
            : await WriteAsync(type, id, caller, request, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="WriteAsync(string, string?, Ed25519PublicKey, HttpRequest, CancellationToken)"/>, with the body already read (at most <see cref="FhirResourceReader.MaxBytes"/>).</summary>
    public async Task<IResult> WriteAsync(
        string type, string? id, Ed25519PublicKey caller, HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        Resource resource;
        try
        {
            resource = FhirResourceReader.Read(body, type);
        }
        catch (FhirInputException invalid)
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcomes.From(invalid.Issues));
        }

        var (write, refusal) = Prepare(Check(caller), type, id, resource, newId: null, body);
        if (write is null)
        {
            return refusal!;
        }

        if (await CommitAsync(caller, [write], cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        var status = write.IsCreate ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        var location = $"{FhirRequestBody.BaseUrl(request)}/{write.VersionPath}";
        return FhirPrefer.ReturnMinimal(request)
            ? FhirResult.WithoutBody(status, location, write.ETag)
            : new FhirResult(status, write.Json, write.Type) { Location = location, ETag = write.ETag };
    }

    /// <summary>A fresh logical id for a create: 64 random hex digits, also the chain's record id.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// What every write of <paramref name="caller"/> through this node is checked against at the head:
    /// the node's organisation and whether the caller is a clinical member of it. A single write uses
    /// it once; a transaction Bundle uses one for all its entries. Standings come from
    /// <see cref="NodeRuntime.PermissionsAtHead"/>, read from the store once per block.
    /// </summary>
    public WriterCheck Check(Ed25519PublicKey caller)
    {
        var permissions = node.PermissionsAtHead();
        var organisation = permissions.OrganisationOf(node.NodeKey.PublicKey);
        var mayWrite = organisation is not null && ClinicalRoles.Includes(permissions.RoleOf(caller)) && permissions.OrganisationOf(caller) == organisation;
        return new WriterCheck(permissions, mayWrite ? organisation : null);
    }

    /// <summary>
    /// Checks a create (<paramref name="id"/> null) or update of <paramref name="resource"/> against the
    /// chain at the head and, when it passes, assigns its id (<paramref name="newId"/>, drawn by
    /// <see cref="NewId"/>, or a random one for a create; a Patient's is always its key), version and
    /// lastUpdated. Writes nothing. <paramref name="body"/> is the validated body <paramref name="resource"/>
    /// was read from when it is stored as sent (a single write), else empty (see <see cref="PreparedWrite"/>).
    /// </summary>
    public (PreparedWrite? Write, FhirResult? Refusal) Prepare(
        WriterCheck check, string type, string? id, Resource resource, string? newId, ReadOnlyMemory<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(resource);
        Ed25519PublicKey patient;
        try
        {
            patient = FhirPatients.PatientOf(resource);
        }
        catch (FhirInputException invalid)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcomes.From(invalid.Issues)));
        }

        if (check.Organisation is not { } organisation)
        {
            return Refuse(StatusCodes.Status403Forbidden, OperationOutcomes.Forbidden("only a clinical member of this node's organisation may write records here"));
        }

        if (!check.IsRegisteredPatient(patient))
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, OperationOutcome.IssueType.Processing, "the referenced patient key is not a registered patient");
        }

        var logicalId = resource is Patient ? patient.ToString() : id ?? newId ?? NewId();
        if (id is not null && (resource.Id != id || logicalId != id))
        {
            return Refuse(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, "the resource's id must equal the id in the URL (for a Patient, its key)");
        }

        if (!Hash256.TryParse(logicalId, out var recordId))
        {
            return Refuse(StatusCodes.Status404NotFound, OperationOutcomes.NotFound(type, logicalId));
        }

        // A create of any type but Patient is named by a fresh random id (NewId), which no record has:
        // only a Patient's key or an update's id can name an existing record, so only those are read.
        var current = resource is not Patient && id is null
            ? null
            : RecordsModule.ReadRecord(new ModuleStateReader(node.Store, RecordsModule.ModuleName), recordId);
        if (id is null && current is not null)
        {
            return Refuse(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Duplicate, $"{type}/{logicalId} exists; update it with PUT");
        }

        if (id is not null && current is null)
        {
            return Refuse(StatusCodes.Status404NotFound, OperationOutcomes.NotFound(type, id));
        }

        if (current is not null && (current.Custodian != organisation || current.Patient != patient || current.ResourceType != type))
        {
            return Refuse(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, "the record is kept by another organisation or belongs to another patient or type");
        }

        if (current is { IsErased: true })
        {
            return Refuse(StatusCodes.Status410Gone, OperationOutcomes.Gone(type, logicalId));
        }

        var version = (current?.Version ?? 0) + 1;
        resource.Id = logicalId;
        resource.Meta = new Meta { VersionId = version.ToString(CultureInfo.InvariantCulture), LastUpdated = time.GetUtcNow() };
        return (new PreparedWrite(resource, recordId, patient, version, body), null);
    }

    /// <summary>
    /// Seals every prepared version into the vault, then anchors them and waits for the block: one
    /// through <see cref="AnchorLog"/> (group-committed with other writes, ADR 0013), several in one
    /// records/anchor-batch-for transaction (all or none commit). Null once committed; otherwise the refusal, and nothing is anchored.
    /// </summary>
    public async Task<FhirResult?> CommitAsync(Ed25519PublicKey caller, IReadOnlyList<PreparedWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var sealedVersions = await Task.WhenAll(writes.Select(w => SealAsync(w, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < writes.Count; i++)
        {
            if (sealedVersions[i] is null)
            {
                var write = writes[i];
                return FhirResult.Outcome(
                    StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, $"version {write.Version} of {write.Type}/{write.Id} was written concurrently; read it and retry");
            }
        }

        if (sealedVersions is [{ } single])
        {
            return await anchors.AnchorAsync(caller, single).ConfigureAwait(false) is { } refusal
                ? FhirResult.Outcome(ApiProblem.StatusFor(refusal.Code), OperationOutcome.IssueType.Processing, refusal.Detail)
                : null;
        }

        var payload = new AnchorBatchOnBehalfRequest(caller, [.. sealedVersions.Select(a => a!)]).Encode();
        var (committed, code, detail) = await submitter.SubmitAsync(AnchorBatchOnBehalfRequest.Operation, payload, AnchorLog.Refused, cancellationToken)
            .ConfigureAwait(false);
        return committed is null ? FhirResult.Outcome(ApiProblem.StatusFor(code), OperationOutcome.IssueType.Processing, detail) : null;
    }

    /// <summary>The anchor of the sealed version, or null when another writer stored that version first.</summary>
    private async Task<AnchorVersionRequest?> SealAsync(PreparedWrite write, CancellationToken cancellationToken)
    {
        var header = new RecordVersionHeader(RecordId.Parse(write.Id), write.Version, Carechain.Vault.Records.ResourceType.Parse(write.Type), write.Patient);
        var (stored, hash) = await vault.Records.WriteAsync(header, write.Json, cancellationToken).ConfigureAwait(false);
        return stored == PutOutcome.Stored ? new AnchorVersionRequest(write.RecordId, write.Patient, write.Type, write.Version, hash) : null;
    }

    private static (PreparedWrite?, FhirResult?) Refuse(int status, OperationOutcome outcome) => (null, FhirResult.Outcome(status, outcome));

    private static (PreparedWrite?, FhirResult?) Refuse(int status, OperationOutcome.IssueType code, string diagnostics) => (null, FhirResult.Outcome(status, code, diagnostics));
}
