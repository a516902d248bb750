using System.Security.Claims;
using System.Text.Encodings.Web;
using Carechain.Core.Crypto;
using Carechain.Modules.Governance;
using Carechain.Node.Api;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carechain.Node.Auth;

/// <summary>
/// ASP.NET Core authentication for <c>Authorization: Bearer TOKEN</c> with tokens from
/// <see cref="BearerTokens"/>: the caller becomes a principal carrying its key (read it with
/// <see cref="CallerIdentity.CallerKey"/>) and its current role, if the key is still active on the
/// chain at this node's head. A token another consortium node issued for this node's organisation
/// (<see cref="DelegatedTokens"/>, ADR 0010) is accepted too, but only on a route marked
/// <see cref="DelegatedTokenRoute"/> (elsewhere <see cref="DelegatedTokenScope"/> answers 403), and the
/// principal then also names the node that vouched for the caller (<see cref="CallerIdentity.DelegatedBy"/>). Any endpoint (REST
/// or FHIR) opts in with <c>RequireAuthorization()</c>; a refusal is answered 401 (or 403) as
/// problem+json with a stable code.
/// </summary>
internal sealed class CarechainBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BearerTokens tokens, DelegatedTokens delegated, NodeRuntime node)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CarechainBearer";
    private const string FailureItem = "carechain.auth.failure";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(Fail(AuthErrors.TokenInvalid));
        }

        var token = header["Bearer ".Length..].Trim();
        var permissions = node.PermissionsAtHead();
        Ed25519PublicKey caller;
        Ed25519PublicKey? issuer = null;
        if (token.StartsWith(DelegatedTokens.Prefix, StringComparison.Ordinal))
        {
            if (delegated.Verify(token, permissions, out var refusal) is not { } vouched)
            {
                return Task.FromResult(Fail(refusal!));
            }

            if (Context.GetEndpoint()?.Metadata.GetMetadata<DelegatedTokenRoute>() is null)
            {
                return Task.FromResult(Fail(AuthErrors.DelegatedTokenNotAllowed));
            }

            (caller, issuer) = vouched;
        }
        else
        {
            var (key, error) = tokens.Verify(token);
            if (key is not { } own)
            {
                return Task.FromResult(Fail(error!));
            }

            caller = own;
        }

        var role = permissions.RoleOf(caller);
        if (role is null)
        {
            return Task.FromResult(Fail(AuthErrors.KeyNotActive));
        }

        List<Claim> claims = [new Claim(ClaimTypes.NameIdentifier, caller.ToString()), new Claim(ClaimTypes.Role, role)];
        if (issuer is { } vouchedBy)
        {
            claims.Add(new Claim(CallerIdentity.DelegatedByClaim, vouchedBy.ToString()));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var code = Context.Items[FailureItem] as string ?? AuthErrors.Unauthenticated;
        var detail = code switch
        {
            AuthErrors.TokenExpired => "the bearer token has expired; ask for a new one",
            AuthErrors.KeyNotActive => "the token's key is not an active key on this chain",
            AuthErrors.TokenInvalid => "the bearer token is not one this node issued",
            _ => "send Authorization: Bearer TOKEN; get a token from POST /api/v1/auth/challenge and /api/v1/auth/token",
        };
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblem.Create(AuthErrors.StatusFor(code) ?? 401, code, detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblem.For(AuthErrors.Forbidden, "this key may not make this request").ExecuteAsync(Context);

    /// <summary>The code this handler refused the request's bearer token with, or null.</summary>
    public static string? FailureOf(HttpContext context) => context?.Items[FailureItem] as string;

    private AuthenticateResult Fail(string code)
    {
        Context.Items[FailureItem] = code;
        return AuthenticateResult.Fail(code);
    }
}
