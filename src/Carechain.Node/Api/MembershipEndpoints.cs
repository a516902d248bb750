using Carechain.Client.Contracts;
using Carechain.Consensus;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api;

/// <summary>
/// Who this node is in its consortium and whether it leads, for <c>carechain network status</c>; and,
/// member to member, the join of a node whose key governance added.
/// </summary>
internal static class MembershipEndpoints
{
    public const string Leader = "leader";
    public const string Follower = "follower";

    /// <summary>The id a solo dev node reports, the same as its one-organisation genesis names.</summary>
    public const string DevId = "dev";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/membership", GetMembership).WithName("GetMembership").Produces<MembershipDto>();
        api.MapPost("/membership/join", JoinAsync).WithName("JoinMembership").Produces<MemberJoinedDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status421MisdirectedRequest);
    }

    private static IResult GetMembership(NodeRuntime node) => Results.Ok(node.Membership is { } membership
        ? new MembershipDto(membership.Options.LocalId, membership.IsLeader ? Leader : Follower, membership.Leader?.Id)
        : new MembershipDto(DevId, Leader, DevId));

    /// <summary>
    /// The leader adds a member to the Raft cluster when its request is signed by a node key in force
    /// now (one governance adopted): DotNext catches it up from the log, then commits the larger
    /// configuration. Any other member answers <c>not_leader</c>; the joining node asks each in turn.
    /// </summary>
    private static async Task<IResult> JoinAsync(HttpRequest request, NodeRuntime node, CancellationToken cancellationToken)
    {
        if (node.Membership is not { } membership)
        {
            return ApiProblem.For(ApiProblem.NotFound, "this node is not a consortium member");
        }

        var (dto, problem) = await RequestBody.ReadAsync<MemberJoinDto>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (MemberJoin.TryParse(dto!, out var error) is not { } join)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, error);
        }

        if (!join.HasValidSignature(node.Chain.ChainId))
        {
            return ApiProblem.For(ApiProblem.JoinRefused, "the join request's signature does not verify with its node key");
        }

        var height = node.Chain.Head.Height + 1;
        if (!node.Chain.NodeSetAt(height).Contains(join.NodeKey))
        {
            return ApiProblem.For(ApiProblem.JoinRefused, $"{join.NodeKey} is not a node key in force at height {height}; governance must add it first");
        }

        if (membership.Ordering is not { IsLeader: true } ordering)
        {
            return ApiProblem.For(ApiProblem.NotLeader, $"this member does not lead; the leader is {membership.Leader?.Id ?? "not known yet"}");
        }

        try
        {
            var members = await ordering.MembersAsync(cancellationToken).ConfigureAwait(false);
            if (members.Any(m => m.EndPoint.Equals(join.RaftEndPoint))
                || await ordering.AddMemberAsync(join.RaftEndPoint, cancellationToken).ConfigureAwait(false))
            {
                return Results.Ok(new MemberJoinedDto(join.Id, membership.Options.LocalId));
            }

            return ApiProblem.For(ApiProblem.MemberNotAdded, $"member {join.Id} at {join.RaftEndPoint} was not added (not caught up from the Raft log yet, or another membership change is under way); ask again");
        }
        catch (NotLeaderException)
        {
            return ApiProblem.For(ApiProblem.NotLeader, "this member stopped leading while it added the member");
        }
    }
}
