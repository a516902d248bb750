using System.Net;
using System.Text.Json;
using Carechain.Client.Tests.Support;
using Carechain.Testing;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Identity;
using Carechain.Modules.Notary;

namespace Carechain.Client.Tests;

public sealed class TransactionSignerTests : IDisposable
{
    private const string ChainId = "carechain-test";

    private readonly SigningKey _key = SigningKey.Generate();
    private readonly List<Transaction> _submitted = [];
    private ulong _nodeNext = 5;
    private string? _refuseWith;

    [Fact]
    public async Task The_nonce_is_fetched_once_and_then_counted_locally()
    {
        var (signer, handler) = Create();

        var first = await signer.CreateRevokeAsync();
        var second = await signer.CreateRevokeAsync();
        var third = await signer.CreateRevokeAsync();

        Assert.Equal([5UL, 6UL, 7UL], [first.Nonce, second.Nonce, third.Nonce]);
        Assert.Single(handler.Requests, r => r.PathAndQuery.EndsWith("/nonce", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_callers_never_get_the_same_nonce()
    {
        var (signer, _) = Create();

        var transactions = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => signer.CreateRevokeAsync())));

        Assert.Equal(50, transactions.Select(t => t.Nonce).Distinct().Count());
        Assert.Equal(5UL, transactions.Min(t => t.Nonce));
    }

    [Fact]
    public async Task A_refused_submission_makes_the_next_transaction_ask_the_node_again()
    {
        var (signer, handler) = Create();
        _refuseWith = "nonce_gap";
        var refused = await signer.CreateRevokeAsync();

        var ex = await Assert.ThrowsAsync<CarechainApiException>(() => signer.SubmitAsync(refused));
        _refuseWith = null;
        _nodeNext = 9;
        var next = await signer.CreateRevokeAsync();

        Assert.Equal("nonce_gap", ex.Code);
        Assert.Equal(9UL, next.Nonce);
        Assert.Equal(2, handler.Requests.Count(r => r.PathAndQuery.EndsWith("/nonce", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Anchor_register_rotate_and_revoke_are_signed_for_the_chain_with_module_payloads()
    {
        var (signer, _) = Create();
        using var successor = SigningKey.Generate();
        var document = Hash256.Sha256([1, 2, 3]);

        await signer.AnchorAsync(new AnchorRequest(document, "scan.pdf", "application/pdf"));
        await signer.RegisterAsync("Dr. Example", IdentityRole.Member);
        await signer.RotateAsync(successor);
        await signer.RevokeAsync();

        Assert.All(_submitted, t => Assert.True(t.HasValidSignature()));
        Assert.All(_submitted, t => Assert.Equal(ChainId, t.ChainId));
        Assert.All(_submitted, t => Assert.Equal(_key.PublicKey, t.Author));
        Assert.Equal(["notary/anchor", "identity/register", "identity/rotate", "identity/revoke"], _submitted.Select(t => $"{t.Module}/{t.Operation}"));
        Assert.Equal(new AnchorRequest(document, "scan.pdf", "application/pdf"), AnchorRequest.Decode(_submitted[0].Payload.Span));
        Assert.Equal(("Dr. Example", "member"), IdentityPayloads.DecodeRegister(_submitted[1].Payload.Span));
        var (newKey, proof) = IdentityPayloads.DecodeRotate(_submitted[2].Payload.Span);
        Assert.Equal(successor.PublicKey, newKey);
        Assert.True(newKey.Verify(DomainTag.KeyRotation, IdentityPayloads.RotationMessage(ChainId, _key.PublicKey, newKey), proof));
        Assert.True(_submitted[3].Payload.IsEmpty);
    }

    [Theory]
    [InlineData(" padded", "text/plain")]
    [InlineData("line\nbreak", "text/plain")]
    [InlineData("ok", "not a media type")]
    public async Task An_anchor_every_node_would_refuse_is_not_signed(string label, string mediaType)
    {
        var (signer, handler) = Create();

        await Assert.ThrowsAsync<ArgumentException>(() => signer.CreateAnchorAsync(new AnchorRequest(Hash256.Zero, label, mediaType)));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task The_signer_for_a_node_takes_the_nodes_chain_id()
    {
        var handler = new StubHandler(Answer);

        var signer = await TransactionSigner.ForNodeAsync(StubHandler.Client(handler), _key);

        Assert.Equal(ChainId, signer.ChainId);
        Assert.Equal(_key.PublicKey, signer.PublicKey);
    }

    public void Dispose() => _key.Dispose();

    private (TransactionSigner Signer, StubHandler Handler) Create()
    {
        var handler = new StubHandler(Answer);
        return (new TransactionSigner(StubHandler.Client(handler), _key, ChainId), handler);
    }

    /// <summary>A node that knows one account, records what it is sent, and refuses with <see cref="_refuseWith"/> when set.</summary>
    private HttpResponseMessage Answer(HttpRequestMessage request, string? body)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/nonce", StringComparison.Ordinal))
        {
            return StubHandler.Json(HttpStatusCode.OK, $$"""{"key":"{{_key.PublicKey}}","committed":{{_nodeNext - 1}},"next":{{_nodeNext}}}""");
        }

        if (path == "/api/v1/chain")
        {
            return StubHandler.Json(HttpStatusCode.OK, $$$"""
                {"chainId":"{{{ChainId}}}","genesisHash":"g","nodeKey":"k","producers":[],
                 "head":{"height":0,"hash":"h","previousHash":"p","timestampMs":0,"txCount":0,"txRoot":"t","logRoot":"l","logSize":0,"stateCommitment":"s","producer":"k","signature":"x"}}
                """);
        }

        if (_refuseWith is { } code)
        {
            return StubHandler.Json(HttpStatusCode.Conflict, $$"""{"status":409,"code":"{{code}}"}""", "application/problem+json");
        }

        using var document = JsonDocument.Parse(body!);
        var transaction = Transaction.Decode(Convert.FromBase64String(document.RootElement.GetProperty("transaction").GetString()!));
        lock (_submitted)
        {
            _submitted.Add(transaction);
        }

        return StubHandler.Json(HttpStatusCode.OK, $$$"""{"txId":"{{{transaction.Id}}}","status":"committed","height":1,"receipt":{"status":"success","errorCode":"","events":[]}}""");
    }
}
