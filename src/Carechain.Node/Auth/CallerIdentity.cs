using System.Security.Claims;
using Carechain.Core.Crypto;

namespace Carechain.Node.Auth;

/// <summary>Who is calling, as <see cref="CarechainBearerHandler"/> proved it.</summary>
internal static class CallerIdentity
{
    /// <summary>The caller's key; only call behind <c>RequireAuthorization()</c>.</summary>
    public static Ed25519PublicKey CallerKey(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Ed25519PublicKey.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The endpoint was reached without an authenticated caller."));
    }

    /// <summary>The caller's key when a bearer token authenticated it; null on an endpoint that also answers anonymous callers and got one.</summary>
    public static Ed25519PublicKey? AuthenticatedKey(this ClaimsPrincipal user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) is { } key ? Ed25519PublicKey.Parse(key) : null;

    public static string? CallerRole(this ClaimsPrincipal user) => user?.FindFirstValue(ClaimTypes.Role);

    /// <summary>The claim naming the node key that vouched for a caller authenticated by a <see cref="DelegatedTokens"/> token.</summary>
    public const string DelegatedByClaim = "urn:carechain:delegated-by";

    /// <summary>The node that vouched for the caller, when another node's delegated token authenticated it; else null.</summary>
    public static Ed25519PublicKey? DelegatedBy(this ClaimsPrincipal user) =>
        user?.FindFirstValue(DelegatedByClaim) is { } key ? Ed25519PublicKey.Parse(key) : null;
}
