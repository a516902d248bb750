using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Modules.Identity;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api;

/// <summary>Per-key reads: the nonce to sign with next, and the key's identity record.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/accounts/{key}/nonce", GetNonceAsync).WithName("GetNonce").Produces<NonceDto>();
        api.MapGet("/identities/{key}", GetIdentity).WithName("GetIdentity").Produces<IdentityDto>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetNonceAsync(string key, NodeRuntime node, CancellationToken aborted)
    {
        if (!Ed25519PublicKey.TryParse(key, out var author))
        {
            return BadKey();
        }

        // Only the leader holds pending transactions: a follower asks it, so a client signing its
        // next transaction through this node gets the nonce after those already submitted.
        if (node.Membership is { IsLeader: false } membership && membership.LeaderClient() is { } leader)
        {
            try
            {
                return Results.Ok(await leader.GetNonceAsync(author, aborted).ConfigureAwait(false));
            }
            catch (Client.CarechainApiException)
            {
                // The leader is unreachable or changing: this node's committed view is the best answer left.
            }
        }

        // Mempool first: a block commits to the store before its transactions leave the mempool, so
        // this order never misses nonces that are leaving one for the other.
        var pending = node.Mempool.LastPendingNonce(author);
        var committed = BlockExecutor.ReadNonce(node.Store, author);
        var last = pending ?? committed;
        return Results.Ok(new NonceDto(author.ToString(), committed, Math.Max(last, committed) + 1));
    }

    private static IResult GetIdentity(string key, NodeRuntime node)
    {
        if (!Ed25519PublicKey.TryParse(key, out var subject))
        {
            return BadKey();
        }

        var record = IdentityModule.Read(new ModuleStateReader(node.Store, IdentityModule.ModuleName), subject);
        return record is null ? ApiProblem.For(ApiProblem.NotFound, $"key {subject} is not registered") : Results.Ok(record.ToDto(subject));
    }

    private static IResult BadKey() => ApiProblem.For(ApiProblem.MalformedRequest, "a key is 64 hexadecimal characters of a valid Ed25519 public key");
}
