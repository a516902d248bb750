using System.Security.Claims;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Governance;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Node.Auth;
using Carechain.Node.Hosting;
using Carechain.Node.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api.Records;

/// <summary>
/// Reading one record as the bearer of a token: the node checks <see cref="AccessPolicy"/> at its
/// head, then logs the read on the chain (where the module decides again at block time) and only
/// then serves it. Until the vault lands a read serves the record's anchor; the FHIR layer will
/// serve the decrypted resource through the same gate. <c>access-check</c> answers the decision
/// without reading or logging.
/// </summary>
internal static class RecordEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var records = api.MapGroup("/records/{recordId}").RequireAuthorization();
        records.MapGet("/", ReadAsync).WithName("ReadRecord").Produces<RecordReadDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status410Gone);
        records.MapGet("/access-check", Check).WithName("CheckRecordAccess").Produces<AccessDecisionDto>();
    }

    private static async Task<IResult> ReadAsync(
        string recordId, string? purpose, ClaimsPrincipal user, NodeRuntime node, AccessLog log, TimeProvider time, CancellationToken aborted)
    {
        var (id, decision, problem) = Decide(recordId, purpose, user, node, time);
        if (problem is not null)
        {
            return problem;
        }

        if (!decision!.Allowed)
        {
            return Refuse(decision.ErrorCode);
        }

        var (logged, code, detail) = await log.RecordAsync(user.CallerKey(), id, purpose!).ConfigureAwait(false);
        if (logged is null)
        {
            return ApiProblem.For(code, detail);
        }

        var anchor = RecordsModule.ReadRecord(new ModuleStateReader(node.Store, RecordsModule.ModuleName), id)!;
        return Results.Ok(new RecordReadDto(anchor.ToDto(), logged.TxId, logged.Basis, logged.BasisId));
    }

    private static IResult Check(string recordId, string? purpose, ClaimsPrincipal user, NodeRuntime node, TimeProvider time)
    {
        var (_, decision, problem) = Decide(recordId, purpose, user, node, time);
        return problem ?? Results.Ok(decision!.ToDto());
    }

    private static (Hash256 Id, AccessDecision? Decision, IResult? Problem) Decide(
        string recordId, string? purpose, ClaimsPrincipal user, NodeRuntime node, TimeProvider time)
    {
        if (!Hash256.TryParse(recordId, out var id))
        {
            return (default, null, ApiProblem.For(ApiProblem.MalformedRequest, "a record id is 64 hexadecimal characters"));
        }

        if (!PurposeOfUse.IsKnown(purpose))
        {
            return (id, null, ApiProblem.For(
                RecordsErrors.InvalidPurpose, $"purpose must be one of {string.Join(", ", PurposeOfUse.All.Order(StringComparer.Ordinal))}"));
        }

        var decision = AccessPolicy.Decide(
            new ModuleStateReader(node.Store, RecordsModule.ModuleName), new Permissions(node.Store, node.Chain.Genesis), user.CallerKey(), id, purpose!,
            time.GetUtcNow().ToUnixTimeMilliseconds());
        return (id, decision, null);
    }

    private static IResult Refuse(string code) => ApiProblem.For(code, code switch
    {
        RecordsErrors.RecordErased => "the record was erased at the patient's request",
        RecordsErrors.UnknownRecord => "no such record",
        RecordsErrors.RequesterInactive => "the caller's key is not active",
        _ => "no grant, custodian role or open break-glass allows this read now",
    });
}
