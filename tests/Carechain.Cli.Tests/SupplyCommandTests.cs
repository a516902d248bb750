using Carechain.Cli.Tests.Support;
using Carechain.Testing;

namespace Carechain.Cli.Tests;

/// <summary>
/// The signed supply commands on the real dev node, as the README walks through them: the node's admin
/// seed is sealed in a keystore, organisations are admitted through governance, then every step runs
/// through the CLI with keystore files.
/// </summary>
public sealed class SupplyCommandTests : IAsyncLifetime
{
    private const string Gtin = "09506000134352";
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, string> _keys = [];
    private InProcessNode _node = null!;
    private string _passphrase = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(_dir.File("node"));
        _passphrase = Harness.Variable("supply cli");
        var admin = _dir.File("dev-admin.json");
        (await Harness.RunAsync("keys", "import-seed", Path.Combine(_dir.File("node"), "node.seed"), "--out", admin, "--passphrase-env", _passphrase, "--fast")).AssertOk();
        foreach (var (id, kind) in new[] { ("maker", "manufacturer"), ("wholesaler", "distributor"), ("pharmacy", "pharmacy"), ("regulator", "regulator") })
        {
            var file = _dir.File(id + ".json");
            (await Harness.RunAsync("keys", "new", "--out", file, "--passphrase-env", _passphrase, "--fast")).AssertOk();
            var added = await Harness.RunAsync(
                "governance", "add-organisation", id, "--kind", kind, "--admin", file, "--key", admin, "--passphrase-env", _passphrase, "--node", _node.Url, "--json");
            added.AssertOk();
            Assert.True(added.Json().GetProperty("adopted").GetBoolean());
            _keys[id] = file;
        }
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Commission_ship_receive_and_verify_through_the_cli_and_flag_a_counterfeit()
    {
        (await Run("regulator", "prefix", "950600", "--owner", "maker")).AssertOk();
        (await Run("maker", "product", Gtin, "--name", "Amoxicillin 500 mg")).AssertOk();
        (await Run("maker", "commission", Gtin, "--lot", "L1", "--expiry", "2030-06-30", "--range", "S0001-S1000", "--serial", "EXTRA")).AssertOk();
        (await Run("maker", "ship", "--gtin", Gtin, "S0001", "S0002", "--to", "wholesaler")).AssertOk();
        (await Run("wholesaler", "receive", $"(01){Gtin}(21)S0001", $"(01){Gtin}(21)S0002")).AssertOk();
        (await Run("wholesaler", "ship", "--gtin", Gtin, "S0001", "--to", "pharmacy")).AssertOk();
        (await Run("pharmacy", "receive", "--gtin", Gtin, "S0001")).AssertOk();
        (await Run("wholesaler", "decommission", "--gtin", Gtin, "S0002", "--reason", "sample")).AssertOk();
        var undoByOther = await Run("maker", "undo", "--gtin", Gtin, "S0002", "--reason", "incorrect_data");
        (await Run("wholesaler", "undo", "--gtin", Gtin, "S0002", "--reason", "incorrect_data")).AssertOk();

        var genuine = await Run("pharmacy", "verify", $"]d201{Gtin}21S0001<GS>10L1<GS>17300630", "--location", "counter-1");
        var fake = await Run("pharmacy", "verify", $"https://id.gs1.org/01/{Gtin}/21/FAKE1");
        var doubleReceipt = await Run("pharmacy", "receive", "--gtin", Gtin, "S0001");
        (await Run("maker", "recall", Gtin, "--lot", "L1", "--reason", "contamination")).AssertOk();
        var recalled = await Run("pharmacy", "verify", $"(01){Gtin}(21)S0001");

        genuine.AssertOk();
        var json = genuine.Json();
        Assert.Equal("authentic", json.GetProperty("status").GetString());
        Assert.Equal(0, json.GetProperty("reasons").GetArrayLength());
        Assert.Equal(
            ["commissioned", "shipped", "received", "shipped", "received", "verified"],
            json.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(1, fake.ExitCode);
        Assert.Equal(["unknown_serial"], fake.Json().GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("not_in_transit", doubleReceipt.AssertError(1), StringComparison.Ordinal);
        Assert.Contains("undo_by_other_user", undoByOther.AssertError(1), StringComparison.Ordinal);
        Assert.Equal(["recalled"], recalled.Json().GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_malformed_barcode_or_range_is_a_one_line_usage_error()
    {
        var badCode = await Run("pharmacy", "verify", "(01)09506000134353(21)X");
        var badRange = await Run("maker", "commission", Gtin, "--lot", "L1", "--expiry", "2030-06-30", "--range", "A10-B20");

        Assert.Contains("check digit", badCode.AssertError(1), StringComparison.Ordinal);
        Assert.Contains("--range", badRange.AssertError(2), StringComparison.Ordinal);
    }

    private Task<CliResult> Run(string who, params string[] args) =>
        Harness.RunAsync(["supply", .. args, "--key", _keys[who], "--passphrase-env", _passphrase, "--node", _node.Url, "--json"]);
}
