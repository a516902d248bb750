using Carechain.Ledger.Execution;
using Carechain.Modules.Identity;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Api;

/// <summary>
/// The one place where refusals become HTTP: an RFC 9457 problem+json with a stable
/// <c>code</c>. Details name ids and limits, never health data.
/// </summary>
internal static class ApiProblem
{
    public const string NotFound = "not_found";
    public const string MalformedRequest = "malformed_request";
    public const string RequestTooLarge = "request_too_large";
    public const string CommitTimeout = "commit_timeout";
    public const string ProducerStopped = "producer_stopped";
    public const string InternalError = "internal_error";
    public const string Diverged = "diverged";
    public const string NoLeader = "no_leader";
    public const string LeaderUnreachable = "leader_unreachable";
    public const string NotLeader = "not_leader";
    public const string AttestationRefused = "attestation_refused";
    public const string JoinRefused = "join_refused";
    public const string MemberNotAdded = "member_not_added";

    public static IResult For(string code, string detail) => Create(StatusFor(code), code, detail);

    public static IResult Create(int status, string code, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: TitleFor(code), extensions: new Dictionary<string, object?> { ["code"] = code });

    public static int StatusFor(string code) => code switch
    {
        _ when Node.Auth.AuthErrors.StatusFor(code) is { } authStatus => authStatus,
        Modules.Records.RecordsErrors.UnknownRecord => StatusCodes.Status404NotFound,
        Modules.Records.RecordsErrors.RecordErased => StatusCodes.Status410Gone,
        Modules.Records.RecordsErrors.NoConsent or Modules.Records.RecordsErrors.RequesterInactive or Modules.Records.RecordsErrors.NotCustodianNode => StatusCodes.Status403Forbidden,
        NotFound => StatusCodes.Status404NotFound,
        MalformedRequest or LedgerErrors.MalformedTransaction or LedgerErrors.MalformedPayload => StatusCodes.Status400BadRequest,
        RequestTooLarge or LedgerErrors.TransactionTooLarge => StatusCodes.Status413PayloadTooLarge,
        LedgerErrors.NonceReplay or LedgerErrors.NonceGap => StatusCodes.Status409Conflict,
        JoinRefused => StatusCodes.Status403Forbidden,
        MemberNotAdded => StatusCodes.Status503ServiceUnavailable,
        IdentityErrors.KeyRevoked or IdentityErrors.KeyRotated or Modules.Governance.GovernanceErrors.OrganisationRemoved => StatusCodes.Status403Forbidden,
        LedgerErrors.MempoolFull or ProducerStopped or Diverged or NoLeader or LeaderUnreachable => StatusCodes.Status503ServiceUnavailable,
        CommitTimeout => StatusCodes.Status504GatewayTimeout,
        NotLeader => StatusCodes.Status421MisdirectedRequest,
        InternalError => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string TitleFor(string code) => code.Replace('_', ' ');
}
