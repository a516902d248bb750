using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Auth;

/// <summary>Stable problem codes of sign-in and bearer authentication (listed in docs/errors.md), with their HTTP status.</summary>
internal static class AuthErrors
{
    public const string Unauthenticated = "unauthenticated";
    public const string TokenInvalid = "token_invalid";
    public const string TokenExpired = "token_expired";
    public const string ChallengeUnknown = "challenge_unknown";
    public const string ChallengeExpired = "challenge_expired";
    public const string ChallengeMismatch = "challenge_mismatch";
    public const string BadChallengeSignature = "bad_challenge_signature";
    public const string KeyNotActive = "key_not_active";
    public const string Forbidden = "forbidden";
    public const string TooManyChallenges = "too_many_challenges";
    public const string DelegatedTokenNotAllowed = "delegated_token_not_allowed";

    public static int? StatusFor(string code) => code switch
    {
        Unauthenticated or TokenInvalid or TokenExpired or ChallengeUnknown or ChallengeExpired or ChallengeMismatch or BadChallengeSignature
            => StatusCodes.Status401Unauthorized,
        KeyNotActive or Forbidden or DelegatedTokenNotAllowed => StatusCodes.Status403Forbidden,
        TooManyChallenges => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };
}
