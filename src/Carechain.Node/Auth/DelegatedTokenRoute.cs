using Microsoft.AspNetCore.Builder;

namespace Carechain.Node.Auth;

/// <summary>
/// Endpoint metadata marking the one kind of route a <see cref="DelegatedTokens"/> token may be used on
/// (ADR 0010): the custodian's part of <c>Patient/$everything</c>, which is all a peer node asks for on
/// the caller's behalf. <see cref="CarechainBearerHandler"/> authenticates a delegated token only on a
/// route carrying it; anywhere else (writes, consent, break-glass, sign-in, governance, transactions,
/// other reads) the request is refused by <see cref="DelegatedTokenScope"/>.
/// </summary>
internal sealed class DelegatedTokenRoute
{
    public static readonly DelegatedTokenRoute Instance = new();

    private DelegatedTokenRoute()
    {
    }

    /// <summary>Lets <paramref name="endpoint"/> be called with another node's delegated token.</summary>
    public static TBuilder Allow<TBuilder>(TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(Instance);
}
