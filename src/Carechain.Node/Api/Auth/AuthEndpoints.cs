using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Modules.Governance;
using Carechain.Node.Auth;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api.Auth;

/// <summary>
/// Sign-in by key: POST /auth/challenge gives a single-use challenge for a key; POST /auth/token
/// takes the key's Ed25519 signature over <see cref="AuthChallengeMessage"/> and answers a
/// short-lived bearer token, if the key is active on the chain.
/// </summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/challenge", ChallengeAsync).WithName("CreateAuthChallenge").Accepts<AuthChallengeRequest>("application/json")
            .Produces<AuthChallengeDto>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/auth/token", TokenAsync).WithName("CreateAuthToken").Accepts<AuthTokenRequest>("application/json")
            .Produces<AuthTokenDto>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ChallengeAsync(HttpContext http, ChallengeStore challenges, NodeRuntime node)
    {
        var (request, problem) = await RequestBody.ReadAsync<AuthChallengeRequest>(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!Ed25519PublicKey.TryParse(request!.PublicKey, out var key))
        {
            return BadKey();
        }

        return challenges.Issue(key) is { } issued
            ? Results.Ok(new AuthChallengeDto(issued.Challenge, node.Chain.ChainId, issued.ExpiresAtMs))
            : ApiProblem.For(AuthErrors.TooManyChallenges, "too many sign-ins are under way; retry shortly");
    }

    private static async Task<IResult> TokenAsync(HttpContext http, ChallengeStore challenges, BearerTokens tokens, NodeRuntime node)
    {
        var (request, problem) = await RequestBody.ReadAsync<AuthTokenRequest>(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!Ed25519PublicKey.TryParse(request!.PublicKey, out var key))
        {
            return BadKey();
        }

        if (request.Challenge is not { Length: > 0 and <= AuthChallengeMessage.MaxChallengeLength } challenge
            || !Ed25519Signature.TryParse(request.Signature, out var signature))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "challenge is the text from /auth/challenge; signature 128 hexadecimal characters");
        }

        var refusal = challenges.Check(challenge, key);
        if (refusal is not null)
        {
            return ApiProblem.For(refusal, refusal switch
            {
                AuthErrors.ChallengeExpired => "the challenge has expired; ask for a new one",
                AuthErrors.ChallengeMismatch => "the challenge was issued to another key",
                _ => "the challenge is unknown or already used",
            });
        }

        if (!key.Verify(DomainTag.AuthChallenge, AuthChallengeMessage.Build(node.Chain.ChainId, key, challenge), signature))
        {
            return ApiProblem.For(AuthErrors.BadChallengeSignature, "the signature does not verify for this key, chain and challenge");
        }

        if (!challenges.Consume(challenge))
        {
            return ApiProblem.For(AuthErrors.ChallengeUnknown, "the challenge is unknown or already used");
        }

        if (new Permissions(node.Store, node.Chain.Genesis).RoleOf(key) is null)
        {
            return ApiProblem.For(AuthErrors.KeyNotActive, $"key {key} is not an active key on this chain; register it first");
        }

        var (token, expires) = tokens.Issue(key);
        return Results.Ok(new AuthTokenDto(token, "Bearer", expires, key.ToString()));
    }

    private static IResult BadKey() => ApiProblem.For(ApiProblem.MalformedRequest, "publicKey is 64 hexadecimal characters of a valid Ed25519 public key");
}
