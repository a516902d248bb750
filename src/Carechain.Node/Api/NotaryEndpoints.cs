using System.Buffers.Binary;
using System.Globalization;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Notary;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api;

/// <summary>Proof-of-existence lookups: one anchor by document hash, and an author's anchors page by page.</summary>
internal static class NotaryEndpoints
{
    private const int DefaultPage = 50;
    private const int MaxPage = 500;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/notary/anchors/{hash}", GetAnchor).WithName("GetAnchor").Produces<AnchorDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/notary/anchors", ListAnchors).WithName("ListAnchors").Produces<AnchorPageDto>();
    }

    private static IResult GetAnchor(string hash, NodeRuntime node)
    {
        if (!Hash256.TryParse(hash, out var documentHash))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "a document hash is 64 hexadecimal characters");
        }

        var record = NotaryModule.Find(new ModuleStateReader(node.Store, NotaryModule.ModuleName), documentHash);
        return record is null ? ApiProblem.For(ApiProblem.NotFound, $"no anchor of {documentHash}") : Results.Ok(record.ToDto());
    }

    private static IResult ListAnchors(string? author, string? after, string? limit, NodeRuntime node)
    {
        if (!Ed25519PublicKey.TryParse(author, out var key))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "author must be a 64-hex Ed25519 public key");
        }

        if (!QueryValues.TryOptionalLong(after, out var afterNonce) || !QueryValues.TryOptionalLong(limit, out var pageSize) || pageSize is 0)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "after is a cursor from a previous page; limit a positive number");
        }

        var take = (int)Math.Min(pageSize ?? DefaultPage, MaxPage);
        var prefix = StateKeys.Full(NotaryModule.ModuleName, NotaryModule.AuthorPrefix(key));
        byte[]? cursor = null;
        if (afterNonce is { } n)
        {
            cursor = new byte[prefix.Length + 8];
            prefix.CopyTo(cursor, 0);
            BinaryPrimitives.WriteUInt64BigEndian(cursor.AsSpan(prefix.Length), (ulong)n);
        }

        var entries = node.Store.ScanState(prefix, cursor, take);
        var state = new ModuleStateReader(node.Store, NotaryModule.ModuleName);
        var items = entries
            .Select(e => NotaryModule.Find(state, Hash256.Read(e.Value)))
            .OfType<AnchorRecord>()
            .Select(r => r.ToDto())
            .ToArray();
        var next = entries.Count == take
            ? BinaryPrimitives.ReadUInt64BigEndian(entries[^1].Key.AsSpan(prefix.Length)).ToString(CultureInfo.InvariantCulture)
            : null;
        return Results.Ok(new AnchorPageDto(items, next));
    }
}
