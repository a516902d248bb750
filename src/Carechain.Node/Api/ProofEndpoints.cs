using Carechain.Client.Contracts;
using Carechain.Ledger.Transactions;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api;

/// <summary>Merkle-log proofs: a transaction's inclusion, and consistency between two log sizes.</summary>
internal static class ProofEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/proofs/inclusion/{txId}", Inclusion).WithName("GetInclusionProof").Produces<InclusionProofDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/proofs/consistency", Consistency).WithName("GetConsistencyProof").Produces<ConsistencyProofDto>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Inclusion(string txId, string? treeSize, NodeRuntime node)
    {
        if (!TxId.TryParse(txId, out var id) || !QueryValues.TryOptionalLong(treeSize, out var size))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "give a 64-hex transaction id and, optionally, a non-negative treeSize");
        }

        var head = node.Chain.Head.LogSize;
        if (size > head)
        {
            return ApiProblem.For(ApiProblem.NotFound, $"the log has {head} entries; treeSize {size} is in the future");
        }

        var proof = node.Chain.ProveInclusion(id, size);
        return proof is null
            ? ApiProblem.For(ApiProblem.NotFound, $"transaction {id} is not in the log of size {size ?? head}")
            : Results.Ok(proof.ToDto(id));
    }

    private static IResult Consistency(string? from, string? to, NodeRuntime node)
    {
        if (!QueryValues.TryOptionalLong(from, out var fromSize) || !QueryValues.TryOptionalLong(to, out var toSize) || fromSize is null || toSize is null)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "give from and to as non-negative log sizes");
        }

        var proof = node.Chain.ProveConsistency(fromSize.Value, toSize.Value);
        return proof is null
            ? ApiProblem.For(ApiProblem.NotFound, $"need 0 < from <= to <= {node.Chain.Head.LogSize}")
            : Results.Ok(proof.ToDto());
    }
}
