using System.Net;
using System.Text.Json;
using Carechain.Client.Tests.Support;
using Carechain.Testing;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Transactions;

namespace Carechain.Client.Tests;

public sealed class CarechainClientTests
{
    private const string HeadJson = """
        {"height":3,"hash":"h","previousHash":"p","timestampMs":1,"txCount":0,"txRoot":"t","logRoot":"l","logSize":2,"stateCommitment":"s","producer":"k","signature":"x"}
        """;

    [Fact]
    public async Task A_success_answer_is_decoded_from_camel_case_json()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, HeadJson));

        var head = await StubHandler.Client(handler).GetHeadAsync();

        Assert.Equal(3, head.Height);
        Assert.Equal(2, head.LogSize);
        Assert.Equal("/api/v1/head", handler.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task A_problem_answer_becomes_an_exception_with_status_code_and_detail()
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(
            HttpStatusCode.NotFound,
            """{"type":"about:blank","title":"Not Found","status":404,"detail":"no such\ntransaction","code":"not_found"}""",
            "application/problem+json"));

        var ex = await Assert.ThrowsAsync<CarechainApiException>(() => StubHandler.Client(handler).GetTransactionAsync(new TxId(Hash256.Zero)));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("not_found", ex.Code);
        Assert.Equal("no such transaction", ex.Detail);
        Assert.False(ex.IsUnreachable);
    }

    [Fact]
    public async Task An_error_without_a_problem_document_gets_an_http_status_code()
    {
        var handler = new StubHandler((_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>proxy</html>") });

        var ex = await Assert.ThrowsAsync<CarechainApiException>(() => StubHandler.Client(handler).GetCheckpointAsync());

        Assert.Equal("http_502", ex.Code);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
    }

    [Fact]
    public async Task A_connection_failure_is_unreachable_without_a_status()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("Connection refused"));

        var ex = await Assert.ThrowsAsync<CarechainApiException>(() => StubHandler.Client(handler).GetHeadAsync());

        Assert.Equal(ClientErrorCodes.Unreachable, ex.Code);
        Assert.Null(ex.StatusCode);
        Assert.True(ex.IsUnreachable);
    }

    [Fact]
    public async Task A_real_refused_connection_is_unreachable()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/") };

        var ex = await Assert.ThrowsAsync<CarechainApiException>(() => new CarechainClient(http).GetHeadAsync());

        Assert.True(ex.IsUnreachable);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"height":"three"}""")]
    [InlineData("""{"status":null,"height":1}""")]
    public async Task A_success_answer_that_is_not_the_contract_is_an_invalid_response(string body)
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, body));

        var ex = await Assert.ThrowsAsync<CarechainApiException>(() => StubHandler.Client(handler).GetHealthAsync());

        Assert.Equal(ClientErrorCodes.InvalidResponse, ex.Code);
    }

    [Fact]
    public async Task A_submission_posts_the_base64_transaction_with_the_wait_parameters()
    {
        using var key = SigningKey.Generate();
        var transaction = Transaction.Create(key, "c", 1, "notary", "anchor", [1, 2, 3]);
        var handler = new StubHandler((_, _) => StubHandler.Json(
            HttpStatusCode.OK, $$$"""{"txId":"{{{transaction.Id}}}","status":"committed","height":4,"receipt":{"status":"success","errorCode":"","events":[]}}"""));

        var response = await StubHandler.Client(handler).SubmitTransactionAsync(transaction, waitForCommit: true, TimeSpan.FromSeconds(2.5));

        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v1/transactions?wait=true&timeoutMs=2500", request.PathAndQuery);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal(Convert.ToBase64String(transaction.Encoded.Span), body.RootElement.GetProperty("transaction").GetString());
        Assert.Equal(4, response.Height);
        Assert.Equal("success", response.Receipt!.Status);
    }

    [Theory]
    [InlineData("""{"txId":"ab","status":"pending"}""")]
    [InlineData("""{"txId":"ab","status":"pending","height":null,"receipt":null}""")]
    public async Task A_pending_answer_may_leave_out_or_null_its_optional_members(string json)
    {
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.Accepted, json));

        var response = await StubHandler.Client(handler).SubmitTransactionAsync(new byte[] { 1 });

        Assert.Equal("pending", response.Status);
        Assert.Null(response.Height);
        Assert.Null(response.Receipt);
        Assert.EndsWith("?wait=false", handler.Requests.Single().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_endpoints_build_their_paths_from_typed_values()
    {
        using var key = SigningKey.Generate();
        var hash = Hash256.Sha256([7]);
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, "{}"));
        var client = StubHandler.Client(handler);

        await Assert.ThrowsAsync<CarechainApiException>(() => client.GetInclusionProofAsync(new TxId(hash), 17));
        await Assert.ThrowsAsync<CarechainApiException>(() => client.GetConsistencyProofAsync(3, 9));
        await Assert.ThrowsAsync<CarechainApiException>(() => client.ListAnchorsAsync(key.PublicKey, "a b&c", 5));
        await Assert.ThrowsAsync<CarechainApiException>(() => client.GetBlockAsync(12));
        await Assert.ThrowsAsync<CarechainApiException>(() => client.GetNonceAsync(key.PublicKey));

        Assert.Equal(
            [
                $"/api/v1/proofs/inclusion/{hash}?treeSize=17",
                "/api/v1/proofs/consistency?from=3&to=9",
                $"/api/v1/notary/anchors?author={key.PublicKey}&after=a%20b%26c&limit=5",
                "/api/v1/blocks/12",
                $"/api/v1/accounts/{key.PublicKey}/nonce",
            ],
            handler.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.OK, HeadJson));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StubHandler.Client(handler).GetHeadAsync(cancelled.Token));
    }

    [Fact]
    public void A_client_without_a_base_address_is_refused()
    {
        using var http = new HttpClient();

        Assert.Throws<ArgumentException>(() => new CarechainClient(http));
    }
}
