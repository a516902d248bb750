using Carechain.Testing;
using System.Net;
using System.Net.Http.Json;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Support;

namespace Carechain.IntegrationTests.Api;

public class ReadApiTests
{
    [Theory]
    [InlineData("api/v1/transactions/not-a-hash", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("api/v1/transactions/0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.NotFound, "not_found")]
    [InlineData("api/v1/blocks/99999", HttpStatusCode.NotFound, "not_found")]
    [InlineData("api/v1/blocks/-1", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("api/v1/proofs/consistency?from=5&to=2", HttpStatusCode.NotFound, "not_found")]
    [InlineData("api/v1/proofs/consistency?from=x", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("api/v1/accounts/zz/nonce", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("api/v1/notary/anchors?author=abc", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("api/v1/no-such-route", HttpStatusCode.NotFound, "not_found")]
    public async Task Bad_reads_get_problem_json_with_a_stable_code(string path, HttpStatusCode status, string code)
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);

        using var response = await node.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal(code, problem!["code"].ToString());
    }

    [Fact]
    public async Task Health_and_openapi_are_served()
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);

        var health = await node.Client.GetHealthAsync();
        using var openApi = await node.Http.GetAsync("openapi/v1.json");

        Assert.Equal("ok", health.Status);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("/api/v1/transactions", await openApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anchors_are_listed_per_author_page_by_page()
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);
        using var author = SigningKey.Generate();
        for (ulong n = 1; n <= 5; n++)
        {
            await node.Client.SubmitTransactionAsync(Signers.Anchor(author, n), waitForCommit: true);
        }

        var first = await node.Client.ListAnchorsAsync(author.PublicKey, after: null, limit: 3);
        var second = await node.Client.ListAnchorsAsync(author.PublicKey, after: first.Next, limit: 3);

        Assert.Equal(3, first.Items.Count);
        Assert.Equal(2, second.Items.Count);
        Assert.Null(second.Next);
        Assert.Empty(first.Items.Select(i => i.Hash).Intersect(second.Items.Select(i => i.Hash)));
    }

    [Fact]
    public async Task Restarted_node_serves_the_same_head_and_proofs()
    {
        using var dir = new TempDirectory();
        using var author = SigningKey.Generate();
        Client.Contracts.BlockHeaderDto head;
        await using (var node = await InProcessNode.StartAsync(dir.Path))
        {
            for (ulong n = 1; n <= 3; n++)
            {
                await node.Client.SubmitTransactionAsync(Signers.Anchor(author, n), waitForCommit: true);
            }

            head = await node.Client.GetHeadAsync();
        }

        await using var restarted = await InProcessNode.StartAsync(dir.Path);
        Assert.Equal(head, await restarted.Client.GetHeadAsync());
        var next = await restarted.Client.SubmitTransactionAsync(Signers.Anchor(author, 4), waitForCommit: true);
        Assert.Equal(head.Height + 1, next.Height);
    }
}
