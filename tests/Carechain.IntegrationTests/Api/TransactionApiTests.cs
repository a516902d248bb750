using Carechain.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Core.Merkle;
using Carechain.Core.Hashing;
using Carechain.IntegrationTests.Support;
using Carechain.Ledger.Transactions;

namespace Carechain.IntegrationTests.Api;

public class TransactionApiTests
{
    [Fact]
    public async Task Submitted_anchor_is_committed_and_readable_with_its_receipt_and_proof()
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);
        using var author = SigningKey.Generate();
        var tx = Signers.Anchor(author, 1);

        var answer = await node.Client.SubmitTransactionAsync(tx, waitForCommit: true);

        Assert.Equal("committed", answer.Status);
        Assert.Equal("success", answer.Receipt!.Status);
        var stored = await node.Client.GetTransactionAsync(tx.Id);
        Assert.Equal(tx.Id.ToString(), stored.TxId);
        Assert.Equal(answer.Height, stored.Height);
        var block = await node.Client.GetBlockAsync(answer.Height!.Value);
        Assert.Contains(tx.Id.ToString(), block.TxIds);
        var checkpoint = await node.Client.GetCheckpointAsync();
        var proof = await node.Client.GetInclusionProofAsync(tx.Id, checkpoint.LogSize);
        var inclusion = new InclusionProof(proof.LeafIndex, proof.TreeSize, proof.Path.Select(Hash256.Parse).ToArray());
        Assert.True(MerkleProofVerifier.VerifyInclusion(MerkleHash.Leaf(tx.Id.Hash.ToArray()), inclusion, Hash256.Parse(checkpoint.LogRoot)));
    }

    [Fact]
    public async Task Replayed_transaction_is_answered_idempotently_and_never_committed_twice()
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);
        using var author = SigningKey.Generate();
        var tx = Signers.Anchor(author, 1);
        var first = await node.Client.SubmitTransactionAsync(tx, waitForCommit: true);

        var again = await node.Client.SubmitTransactionAsync(tx, waitForCommit: true);

        Assert.Equal(first.Height, again.Height);
        var nonce = await node.Client.GetNonceAsync(author.PublicKey);
        Assert.Equal(1UL, nonce.Committed);
    }

    [Fact]
    public async Task Nonce_errors_are_conflicts_with_their_own_codes()
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);
        using var author = SigningKey.Generate();
        await node.Client.SubmitTransactionAsync(Signers.Anchor(author, 1), waitForCommit: true);

        var replay = await Assert.ThrowsAsync<CarechainApiException>(() => node.Client.SubmitTransactionAsync(Signers.Anchor(author, 1, "other")));
        var gap = await Assert.ThrowsAsync<CarechainApiException>(() => node.Client.SubmitTransactionAsync(Signers.Anchor(author, 5)));

        Assert.Equal(("nonce_replay", HttpStatusCode.Conflict), (replay.Code, replay.StatusCode!.Value));
        Assert.Equal(("nonce_gap", HttpStatusCode.Conflict), (gap.Code, gap.StatusCode!.Value));
    }

    [Theory]
    [InlineData("{", "malformed_request")]
    [InlineData("[]", "malformed_request")]
    [InlineData("{\"transaction\":\"***\"}", "malformed_transaction")]
    [InlineData("{\"transaction\":\"AAAA\"}", "malformed_transaction")]
    [InlineData("{\"transaction\":null}", "malformed_transaction")]
    public async Task Malformed_submissions_get_problem_json_and_change_nothing(string body, string code)
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);
        var before = await node.Client.GetHeadAsync();

        using var response = await node.Http.PostAsync("api/v1/transactions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal(code, problem!["code"].ToString());
        Assert.Equal(before.Hash, (await node.Client.GetHeadAsync()).Hash);
    }

    [Fact]
    public async Task Wrongly_signed_transaction_is_refused()
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);
        using var author = SigningKey.Generate();
        var bytes = Signers.Anchor(author, 1).Encoded.ToArray();
        bytes[^5] ^= 0x40;

        var refused = await Assert.ThrowsAsync<CarechainApiException>(() => node.Client.SubmitTransactionAsync(bytes));

        Assert.Equal("bad_signature", refused.Code);
    }

    [Fact]
    public async Task Oversized_body_is_refused_with_413()
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);
        var huge = new string('A', 17 * 1024 * 1024);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/transactions")
        {
            Content = new StringContent($"{{\"transaction\":\"{huge}\"}}", Encoding.UTF8, "application/json"),
        };

        // Ask before sending the body, as well-behaved clients of large uploads do; the node refuses on the declared length.
        // The client waits for that answer however long a loaded machine takes: by default it would start the upload
        // after one second, and the node closing the connection under it shows as a broken pipe instead of the 413.
        request.Headers.ExpectContinue = true;
        using var waitingClient = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) }) { BaseAddress = node.Http.BaseAddress };
        using var response = await waitingClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("request_too_large", problem!["code"].ToString());
    }

    [Fact]
    public async Task Concurrent_clients_all_get_their_transactions_committed()
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);
        var authors = Enumerable.Range(0, 8).Select(_ => SigningKey.Generate()).ToArray();
        var ids = new List<TxId>();

        await Parallel.ForEachAsync(authors, async (author, ct) =>
        {
            for (ulong n = 1; n <= 10; n++)
            {
                var tx = Signers.Anchor(author, n);
                lock (ids)
                {
                    ids.Add(tx.Id);
                }

                var answer = await node.Client.SubmitTransactionAsync(tx, waitForCommit: true, cancellationToken: ct);
                Assert.Equal("committed", answer.Status);
            }
        });

        foreach (var id in ids)
        {
            Assert.Equal("success", (await node.Client.GetTransactionAsync(id)).Receipt.Status);
        }

        foreach (var author in authors)
        {
            author.Dispose();
        }
    }

    [Fact]
    public async Task Batch_admits_in_order_and_reports_each_refusal()
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);
        using var author = SigningKey.Generate();
        var batch = new[] { Signers.Anchor(author, 1), Signers.Anchor(author, 2), Signers.Anchor(author, 4) };

        var answer = await node.Client.SubmitBatchAsync(batch);

        Assert.Equal(["pending", "pending", "refused"], answer.Results.Select(r => r.Status));
        Assert.Equal("nonce_gap", answer.Results[2].Code);
    }
}
