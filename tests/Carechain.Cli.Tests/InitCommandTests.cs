using System.Text.Json;
using Carechain.Cli.Tests.Support;
using Carechain.Core.Keys;
using Carechain.Ledger.Genesis;
using Carechain.Testing;

namespace Carechain.Cli.Tests;

public sealed class InitCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Init_creates_a_genesis_keystores_and_one_config_per_node()
    {
        var output = _dir.File("net");

        var result = await Harness.RunAsync(
            "init", "--nodes", "3", "--out", output, "--approvals", "2", "--base-port", "9100", "--passphrase-env", Harness.Variable("pw"), "--json");

        result.AssertOk();
        var genesis = GenesisFile.Parse(await File.ReadAllTextAsync(Path.Combine(output, "genesis.json")));
        Assert.Equal(["org1", "org2", "org3"], genesis.Organisations.Select(o => o.Id.Value));
        Assert.All(genesis.Organisations, o => Assert.Equal(OrganisationKind.Hospital, o.Kind));
        Assert.Equal(2, genesis.Policy.Approvals);
        for (var k = 1; k <= 3; k++)
        {
            var folder = Path.Combine(output, $"node{k}");
            using var nodeKey = Keystore.Open(await File.ReadAllTextAsync(Path.Combine(folder, "node-key.json")), "pw");
            using var adminKey = Keystore.Open(await File.ReadAllTextAsync(Path.Combine(folder, "admin-key.json")), "pw");
            var organisation = genesis.Organisations[k - 1];
            Assert.Equal([nodeKey.PublicKey], organisation.NodeKeys);
            Assert.Equal([adminKey.PublicKey], organisation.AdminKeys);

            using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "node.json")));
            var root = config.RootElement;
            Assert.Equal($"node{k}", root.GetProperty("id").GetString());
            Assert.Equal($"http://127.0.0.1:{9100 + k}", root.GetProperty("urls").GetString());
            Assert.Equal(
                Enumerable.Range(1, 3).Where(i => i != k).Select(i => $"http://127.0.0.1:{9100 + i}"),
                root.GetProperty("peers").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal("data", root.GetProperty("dataDirectory").GetString());
            Assert.Equal("node-key.json", root.GetProperty("nodeKeystore").GetString());
            Assert.False(root.TryGetProperty("vaultPostgres", out _));
        }

        Assert.Equal(3, result.Json().GetProperty("nodes").GetArrayLength());
        Assert.Empty(Directory.GetDirectories(_dir.Path, "net.partial-*"));
    }

    [Fact]
    public async Task A_node_config_may_name_the_vaults_postgres_connection_string()
    {
        var output = _dir.File("net");
        (await Harness.RunAsync("init", "--nodes", "3", "--out", output, "--passphrase-env", Harness.Variable("pw"))).AssertOk();
        var path = Path.Combine(output, "node1", "node.json");
        var config = Node.Hosting.ConsortiumNodeConfig.Parse(await File.ReadAllTextAsync(path));
        Assert.Null(config.VaultPostgres);

        var withVault = config with { VaultPostgres = "Host=db.example;Database=vault" };
        var reread = Node.Hosting.ConsortiumNodeConfig.Parse(withVault.ToJson());

        Assert.Equal("Host=db.example;Database=vault", reread.VaultPostgres);
        Assert.Contains("\"vaultPostgres\"", withVault.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvals_default_to_a_majority()
    {
        var output = _dir.File("net");

        (await Harness.RunAsync("init", "--nodes", "5", "--out", output, "--passphrase-env", Harness.Variable("pw"))).AssertOk();

        Assert.Equal(3, GenesisFile.Parse(await File.ReadAllTextAsync(Path.Combine(output, "genesis.json"))).Policy.Approvals);
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_an_existing_folder()
    {
        var output = _dir.File("net");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "genesis.json"), "precious");

        var result = await Harness.RunAsync("init", "--nodes", "2", "--out", output, "--passphrase-env", Harness.Variable("pw"), "--json");

        Assert.Contains("refusing to overwrite", result.AssertError(ExitCodes.Usage), StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(Path.Combine(output, "genesis.json")));
        Assert.Single(Directory.EnumerateFileSystemEntries(output));
    }

    [Fact]
    public async Task Running_init_twice_leaves_the_first_consortium_untouched()
    {
        var output = _dir.File("net");
        (await Harness.RunAsync("init", "--nodes", "1", "--out", output, "--passphrase-env", Harness.Variable("pw"))).AssertOk();
        var genesis = await File.ReadAllTextAsync(Path.Combine(output, "genesis.json"));

        var again = await Harness.RunAsync("init", "--nodes", "1", "--out", output, "--passphrase-env", Harness.Variable("pw"));

        again.AssertError(ExitCodes.Usage);
        Assert.Equal(genesis, await File.ReadAllTextAsync(Path.Combine(output, "genesis.json")));
    }

    [Theory]
    [InlineData("--approvals", "4", "approvals must be between 1 and the number of organisations (3)")]
    [InlineData("--approvals", "0", "approvals must be between 1")]
    [InlineData("--kind", "spa", "--kind must be one of hospital")]
    public async Task Bad_options_are_usage_errors_and_write_nothing(string option, string value, string expected)
    {
        var output = _dir.File("net");

        var result = await Harness.RunAsync("init", "--nodes", "3", "--out", output, option, value, "--passphrase-env", Harness.Variable("pw"));

        Assert.Contains(expected, result.AssertError(ExitCodes.Usage), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetDirectories(_dir.Path, "net.partial-*"));
    }

    [Fact]
    public async Task A_passphrase_variable_is_required()
    {
        var output = _dir.File("net");

        var result = await Harness.RunAsync("init", "--nodes", "2", "--out", output);

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(Directory.Exists(output));
    }

    public void Dispose() => _dir.Dispose();
}
