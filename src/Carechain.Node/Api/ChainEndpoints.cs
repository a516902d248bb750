using System.Globalization;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Carechain.Ledger.Replication;
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
        api.MapGet("/sync/blocks", GetBlockBatch).WithName("GetBlockBatch").Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest);
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

    /// <summary>Committed blocks with their transactions, for a member catching up; it validates every one.</summary>
    private static IResult GetBlockBatch(string? from, string? max, NodeRuntime node)
    {
        if (!QueryValues.TryOptionalLong(from, out var start) || start is null
            || !QueryValues.TryOptionalLong(max, out var limit) || limit is 0)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "from must be a block height and max, when given, a positive count");
        }

        var count = (int)Math.Min(limit ?? 64, BlockBatch.MaxBlocks);
        var blocks = new List<byte[]>();
        var bytes = 0;
        for (var height = start.Value; blocks.Count < count && bytes < BlockBatch.TargetBytes && node.Chain.ReadBlock(height) is { } block; height++)
        {
            var encoded = block.Encode();
            blocks.Add(encoded);
            bytes += encoded.Length;
        }

        return Results.Bytes(BlockBatch.Encode(blocks), "application/octet-stream");
    }
}
