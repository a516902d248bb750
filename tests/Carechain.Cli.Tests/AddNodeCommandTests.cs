using Carechain.Cli.Tests.Support;
using Carechain.Core.Keys;
using Carechain.Node.Hosting;
using Carechain.Testing;

namespace Carechain.Cli.Tests;

public sealed class AddNodeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Add_node_writes_a_joining_config_and_key_for_an_organisation_on_the_next_free_ports()
    {
        var output = _dir.File("net");
        (await Harness.RunAsync("init", "--nodes", "3", "--out", output, "--base-port", "9200", "--passphrase-env", Harness.Variable("pw"))).AssertOk();

        var result = await Harness.RunAsync("network", "add-node", "--dir", output, "--organisation", "org2", "--passphrase-env", Harness.Variable("pw"), "--json");

        result.AssertOk();
        var folder = Path.Combine(output, "node4");
        using var nodeKey = Keystore.Open(await File.ReadAllTextAsync(Path.Combine(folder, "node-key.json")), "pw");
        var config = ConsortiumNodeConfig.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "node.json")));
        Assert.True(config.JoinsLater);
        Assert.Equal(("node4", "org2", "http://127.0.0.1:9204", "127.0.0.1:9304"), (config.Id, config.Organisation, config.Urls, config.Raft));
        Assert.Equal(["node1", "node2", "node3", "node4"], config.Members.Select(m => m.Id));
        Assert.Equal(["http://127.0.0.1:9201", "http://127.0.0.1:9202", "http://127.0.0.1:9203"], config.Peers);
        var founding = ConsortiumNodeConfig.Parse(await File.ReadAllTextAsync(Path.Combine(output, "node1", "node.json")));
        Assert.Equal(founding.GenesisBlock, config.GenesisBlock);
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(folder, config.AdminKeystore))));
        Assert.Equal(nodeKey.PublicKey.ToString(), result.Json().GetProperty("nodeKey").GetString());

        // A second one takes the next number and ports; an organisation the folder does not run is refused.
        (await Harness.RunAsync("network", "add-node", "--dir", output, "--organisation", "org1", "--passphrase-env", Harness.Variable("pw"))).AssertOk();
        Assert.Equal("127.0.0.1:9305", ConsortiumNodeConfig.Parse(await File.ReadAllTextAsync(Path.Combine(output, "node5", "node.json"))).Raft);
        var unknown = await Harness.RunAsync("network", "add-node", "--dir", output, "--organisation", "org9", "--passphrase-env", Harness.Variable("pw"));
        Assert.Contains("runs no node of organisation 'org9'", unknown.AssertError(2), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output, "node6")));
    }

    public void Dispose() => _dir.Dispose();
}
