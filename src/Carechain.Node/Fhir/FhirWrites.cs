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
/// a resource; the node validates it, assigns id, version and lastUpdated, seals it into the vault,
/// and anchors the ciphertext hash with records/anchor-for signed by the node key on the member's
/// behalf, answering only after the anchor committed. Everything the chain would refuse is checked
/// before the vault write, so a refused write leaves nothing behind.
/// </summary>
internal sealed class FhirWrites(NodeRuntime node, NodeVault vault, NodeSubmitter submitter, TimeProvider time)
{
    private const string AnchoredEvent = "records.anchored";

    public async Task<IResult> WriteAsync(
        string type, string? id, Ed25519PublicKey caller, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return FhirResult.Outcome(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly, $"the body is larger than {FhirResourceReader.MaxBytes} bytes");
        }

        Resource resource;
        Ed25519PublicKey patient;
        try
        {
            resource = FhirResourceReader.Read(body, type);
            patient = FhirPatients.PatientOf(resource);
        }
        catch (FhirInputException invalid)
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcomes.From(invalid.Issues));
        }

        var permissions = new Permissions(node.Store, node.Chain.Genesis);
        var organisation = permissions.OrganisationOf(node.NodeKey.PublicKey);
        if (!ClinicalRoles.Includes(permissions.RoleOf(caller)) || organisation is null || permissions.OrganisationOf(caller) != organisation)
        {
            return FhirResult.Outcome(StatusCodes.Status403Forbidden, OperationOutcomes.Forbidden("only a clinical member of this node's organisation may write records here"));
        }

        if (permissions.RoleOf(patient) != IdentityRole.Patient)
        {
            return FhirResult.Outcome(StatusCodes.Status422UnprocessableEntity, OperationOutcome.IssueType.Processing, "the referenced patient key is not a registered patient");
        }

        var logicalId = resource is Patient ? patient.ToString() : id ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        if (id is not null && (resource.Id != id || logicalId != id))
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, "the resource's id must equal the id in the URL (for a Patient, its key)");
        }

        var recordId = Hash256.Parse(logicalId);
        var current = RecordsModule.ReadRecord(new ModuleStateReader(node.Store, RecordsModule.ModuleName), recordId);
        if (id is null && current is not null)
        {
            return FhirResult.Outcome(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Duplicate, $"{type}/{logicalId} exists; update it with PUT");
        }

        if (id is not null && current is null)
        {
            return FhirResult.Outcome(StatusCodes.Status404NotFound, OperationOutcomes.NotFound(type, id));
        }

        if (current is not null && (current.Custodian != organisation || current.Patient != patient || current.ResourceType != type))
        {
            return FhirResult.Outcome(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, "the record is kept by another organisation or belongs to another patient or type");
        }

        if (current is { IsErased: true })
        {
            return FhirResult.Outcome(StatusCodes.Status410Gone, OperationOutcomes.Gone(type, logicalId));
        }

        var version = (current?.Version ?? 0) + 1;
        resource.Id = logicalId;
        resource.Meta = new Meta { VersionId = version.ToString(CultureInfo.InvariantCulture), LastUpdated = time.GetUtcNow() };
        var header = new RecordVersionHeader(RecordId.Parse(logicalId), version, Carechain.Vault.Records.ResourceType.Parse(type), patient);
        var (stored, hash) = await vault.Records.WriteAsync(header, FhirResourceReader.Write(resource), cancellationToken).ConfigureAwait(false);
        if (stored != PutOutcome.Stored)
        {
            return FhirResult.Outcome(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, $"version {version} of {type}/{logicalId} was written concurrently; read it and retry");
        }

        var anchor = new AnchorOnBehalfRequest(caller, new AnchorVersionRequest(recordId, patient, type, version, hash));
        var (committed, code, detail) = await submitter.SubmitAsync(AnchorOnBehalfRequest.Operation, anchor.Encode(), AnchoredEvent, c => $"the chain refused the anchor ({c})", cancellationToken)
            .ConfigureAwait(false);
        if (committed is null)
        {
            return FhirResult.Outcome(ApiProblem.StatusFor(code), OperationOutcome.IssueType.Processing, detail);
        }

        var location = $"{request.Scheme}://{request.Host}/fhir/{type}/{logicalId}/_history/{version.ToString(CultureInfo.InvariantCulture)}";
        return new FhirResult(id is null ? StatusCodes.Status201Created : StatusCodes.Status200OK, resource)
        {
            Location = location,
            ETag = $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"",
        };
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > FhirResourceReader.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
