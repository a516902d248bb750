using System.Security.Claims;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Governance;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Node.Auth;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api.Records;

/// <summary>
/// The patient view: a patient's records across every custodian, their grants, and every access
/// (with every break-glass). Only the patient's own bearer token, or an auditor's, may read it.
/// </summary>
internal static class PatientEndpoints
{
    private const string AuditorRole = "auditor";

    public static void Map(IEndpointRouteBuilder api)
    {
        var patients = api.MapGroup("/patients/{key}").RequireAuthorization();
        patients.MapGet("/records", Records).WithName("GetPatientRecords").Produces<PatientRecordsDto>().ProducesProblem(StatusCodes.Status401Unauthorized);
        patients.MapGet("/grants", Grants).WithName("GetPatientGrants").Produces<PatientGrantsDto>().ProducesProblem(StatusCodes.Status401Unauthorized);
        patients.MapGet("/access", Access).WithName("GetPatientAccess").Produces<PatientAccessDto>().ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static IResult Records(string key, string? after, ClaimsPrincipal user, NodeRuntime node) =>
        Page(key, after, user, node, RecordsKeys.PatientRecordsPrefix, (patient, entries, next, _) =>
        {
            var state = State(node);
            var items = entries
                .Select(e => RecordsModule.ReadRecord(state, Hash256.Read(e.Key.AsSpan(e.Key.Length - Hash256.Size))))
                .OfType<Modules.Records.Anchors.RecordAnchor>()
                .Select(r => r.ToDto())
                .ToArray();
            return Results.Ok(new PatientRecordsDto(items, next));
        });

    private static IResult Grants(string key, string? after, ClaimsPrincipal user, NodeRuntime node, TimeProvider time) =>
        Page(key, after, user, node, RecordsKeys.PatientGrantsPrefix, (_, entries, next, _) =>
        {
            var state = State(node);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var items = entries
                .Select(e => RecordsModule.ReadGrant(state, Hash256.Read(e.Key.AsSpan(e.Key.Length - Hash256.Size))))
                .OfType<Modules.Records.Consent.ConsentGrant>()
                .Select(g => g.ToDto(now))
                .ToArray();
            return Results.Ok(new PatientGrantsDto(items, next));
        });

    private static IResult Access(string key, string? after, ClaimsPrincipal user, NodeRuntime node) =>
        Page(key, after, user, node, RecordsKeys.PatientAccessPrefix, (patient, entries, next, permissions) =>
        {
            var events = entries.Select(e => AccessEvent.Decode(e.Value).ToDto(permissions)).ToArray();
            BreakGlassDto[] glass = [];
            if (after is null)
            {
                var state = State(node);
                var prefix = StateKeys.Full(RecordsModule.ModuleName, RecordsKeys.PatientBreakGlassPrefix(patient));
                glass = [.. node.Store.ScanState(prefix, null, StatePage.Size)
                    .Select(e => RecordsModule.ReadBreakGlass(state, Hash256.Read(e.Key.AsSpan(e.Key.Length - Hash256.Size))))
                    .OfType<Modules.Records.BreakGlass.BreakGlassRecord>()
                    .OrderBy(g => g.Height)
                    .Select(g => g.ToDto(RecordsModule.ReadReview(state, g.Id)))];
            }

            return Results.Ok(new PatientAccessDto(events, glass, next));
        });

    private static IResult Page(
        string key, string? after, ClaimsPrincipal user, NodeRuntime node, Func<Ed25519PublicKey, byte[]> prefix,
        Func<Ed25519PublicKey, IReadOnlyList<KeyValuePair<byte[], byte[]>>, string?, Permissions, IResult> answer)
    {
        if (!Ed25519PublicKey.TryParse(key, out var patient))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "a patient is 64 hexadecimal characters of a valid Ed25519 public key");
        }

        if (user.CallerKey() != patient && user.CallerRole() != AuditorRole)
        {
            return ApiProblem.For(AuthErrors.Forbidden, "only the patient, or an auditor, sees a patient's records, grants and accesses");
        }

        if (!StatePage.TryRead(node.Store, prefix(patient), after, out var entries, out var next))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "after is the next cursor of a previous page");
        }

        return answer(patient, entries, next, new Permissions(node.Store, node.Chain.Genesis));
    }

    private static ModuleStateReader State(NodeRuntime node) => new(node.Store, RecordsModule.ModuleName);
}
