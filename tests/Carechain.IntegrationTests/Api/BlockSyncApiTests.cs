using System.Net;
using System.Net.Http.Json;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Support;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Replication;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Api;

/// <summary>GET /api/v1/sync/blocks: committed blocks with their transactions, for a member catching up.</summary>
public class BlockSyncApiTests
{
    [Theory]
    [InlineData("api/v1/sync/blocks")]
    [InlineData("api/v1/sync/blocks?from=x")]
    [InlineData("api/v1/sync/blocks?from=-1")]
    [InlineData("api/v1/sync/blocks?from=1&max=0")]
    [InlineData("api/v1/sync/blocks?from=1&max=-3")]
    [InlineData("api/v1/sync/blocks?from=99999999999999999999999")]
    public async Task A_bad_range_is_a_malformed_request(string path)
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);

        using var response = await node.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("malformed_request", problem!["code"].ToString());
    }

    [Fact]
    public async Task Committed_blocks_are_served_whole_in_height_order_and_nothing_above_the_head()
    {
        using var dir = new TempDirectory();
        await using var node = await InProcessNode.StartAsync(dir.Path);
        using var author = SigningKey.Generate();
        for (ulong n = 1; n <= 3; n++)
        {
            await node.Client.SubmitTransactionAsync(Signers.Anchor(author, n), waitForCommit: true);
        }

        var head = await node.Client.GetHeadAsync();
        var blocks = BlockBatch.Decode(await node.Client.GetBlockBatchAsync(0, 100)).Select(b => Block.Decode(b)).ToList();

        Assert.Equal(head.Height + 1, blocks.Count);
        Assert.Equal(Enumerable.Range(0, blocks.Count).Select(i => (long)i), blocks.Select(b => b.Header.Height));
        Assert.Equal(head.Hash, blocks[^1].Header.Hash.ToString());
        Assert.Equal(3, blocks.Sum(b => b.Transactions.Count));
        Assert.Single(BlockBatch.Decode(await node.Client.GetBlockBatchAsync(1, 1)));
        Assert.Empty(BlockBatch.Decode(await node.Client.GetBlockBatchAsync(head.Height + 1, 10)));
    }
}
