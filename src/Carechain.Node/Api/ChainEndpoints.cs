using System.Globalization;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api;

/// <summary>The chain itself: identity, head, blocks and the node's signed checkpoint.</summary>
internal static class ChainEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/chain", GetChain).WithName("GetChain").Produces<ChainInfoDto>();
        api.MapGet("/head", (NodeRuntime node) => Results.Ok(node.Chain.Head.ToDto())).WithName("GetHead").Produces<BlockHeaderDto>();
        api.MapGet("/blocks/{id}", GetBlock).WithName("GetBlock").Produces<BlockDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/checkpoint", (NodeRuntime node) => Results.Ok(node.Chain.SignCheckpoint().ToDto())).WithName("GetCheckpoint").Produces<CheckpointDto>();
    }

    private static IResult GetChain(NodeRuntime node)
    {
        var genesis = node.Store.ReadBlock(0)!.Header;
        return Results.Ok(new ChainInfoDto(
            node.Chain.ChainId,
            genesis.Hash.ToString(),
            node.Chain.NodeKey.ToString(),
            node.Chain.Genesis.Producers.Select(p => p.ToString()).ToArray(),
            node.Chain.Head.ToDto()));
    }

    private static IResult GetBlock(string id, NodeRuntime node)
    {
        long? height = null;
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            height = parsed;
        }
        else if (Hash256.TryParse(id, out var hash))
        {
            height = node.Store.FindHeight(hash);
        }
        else
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "a block is named by its height or its 64-hex header hash");
        }

        var block = height is { } h && h <= node.Chain.Head.Height ? node.Store.ReadBlock(h) : null;
        return block is null ? ApiProblem.For(ApiProblem.NotFound, $"no block {id}") : Results.Ok(block.ToDto());
    }
}
