using Carechain.Client.Contracts;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api;

/// <summary>Who this node is in its consortium and whether it leads, for <c>carechain network status</c>.</summary>
internal static class MembershipEndpoints
{
    public const string Leader = "leader";
    public const string Follower = "follower";

    /// <summary>The id a solo dev node reports, the same as its one-organisation genesis names.</summary>
    public const string DevId = "dev";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/membership", GetMembership).WithName("GetMembership").Produces<MembershipDto>();

    private static IResult GetMembership(NodeRuntime node) => Results.Ok(node.Membership is { } membership
        ? new MembershipDto(membership.Options.LocalId, membership.IsLeader ? Leader : Follower, membership.Leader?.Id)
        : new MembershipDto(DevId, Leader, DevId));
}
