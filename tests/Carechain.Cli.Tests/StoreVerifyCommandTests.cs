using Carechain.Testing;
using Carechain.Cli.Tests.Support;
using Carechain.Core.Hashing;

namespace Carechain.Cli.Tests;

/// <summary><c>carechain verify --data DIR</c> on the store a real node wrote, once the node has stopped.</summary>
public sealed class StoreVerifyCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_stopped_nodes_store_verifies_and_a_flipped_byte_in_a_table_file_is_reported_as_damage()
    {
        var data = _dir.File("node");
        await RunNodeWithAnchorsAsync(data, anchors: 3);

        var intact = await Harness.RunAsync("verify", "--data", data);
        var intactJson = await Harness.RunAsync("verify", "--data", data, "--json");
        FlipAByteInTheLargestTableFile(data);
        var damaged = await Harness.RunAsync("verify", "--data", data);
        var damagedJson = await Harness.RunAsync("verify", "--data", data, "--json");

        intact.AssertOk();
        Assert.StartsWith("ok:", intact.Out, StringComparison.Ordinal);
        Assert.Empty(intact.Err);
        intactJson.AssertOk();
        Assert.True(intactJson.Json().GetProperty("intact").GetBoolean());
        Assert.Equal(4, intactJson.Json().GetProperty("blocksChecked").GetInt64()); // genesis and one block per anchor
        Assert.Equal(3, intactJson.Json().GetProperty("transactionsChecked").GetInt64());
        Assert.StartsWith("error: damaged", damaged.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        Assert.StartsWith("error: damaged", damagedJson.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        Assert.Equal("damaged", damagedJson.Json().GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_ledger_folder_itself_may_be_given()
    {
        var data = _dir.File("node");
        await RunNodeWithAnchorsAsync(data, anchors: 1);

        var result = await Harness.RunAsync("verify", "--data", Path.Combine(data, "ledger"));

        result.AssertOk();
        Assert.StartsWith("ok:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_a_store_is_reported_as_damaged()
    {
        var result = await Harness.RunAsync("verify", "--data", _dir.File("empty"));

        Assert.StartsWith("error: damaged", result.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Starts a real node on <paramref name="data"/>, anchors through the CLI, and stops the node (which closes and flushes its store).</summary>
    private async Task RunNodeWithAnchorsAsync(string data, int anchors)
    {
        var key = _dir.File("key.json");
        var passphrase = Harness.Variable("verify");
        (await Harness.RunAsync("keys", "new", "--out", key, "--passphrase-env", passphrase, "--fast")).AssertOk();
        await using var node = await InProcessNode.StartAsync(data);
        for (var i = 0; i < anchors; i++)
        {
            (await Harness.RunAsync(
                "anchor", "--hash", Hash256.Sha256([(byte)i]).ToString(), "--proof-out", _dir.File($"{i}.proof.json"),
                "--key", key, "--node", node.Url, "--passphrase-env", passphrase)).AssertOk();
        }

        await node.StopAsync();
    }

    private static void FlipAByteInTheLargestTableFile(string data)
    {
        var tables = Directory.GetFiles(Path.Combine(data, "ledger"), "*.sst");
        Assert.NotEmpty(tables);
        var file = tables.OrderByDescending(f => new FileInfo(f).Length).First();
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);
    }
}
