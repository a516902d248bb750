using Carechain.Testing;
using Carechain.Cli.Tests.Support;
using Carechain.Core.Keys;

namespace Carechain.Cli.Tests;

public sealed class KeysCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_new_key_round_trips_through_keys_show()
    {
        var file = _dir.File("key.json");
        var passphrase = Harness.Variable("correct horse");

        var created = await Harness.RunAsync("keys", "new", "--out", file, "--passphrase-env", passphrase, "--fast", "--json");
        var shown = await Harness.RunAsync("keys", "show", file, "--json");

        created.AssertOk();
        shown.AssertOk();
        var publicKey = created.Json().GetProperty("publicKey").GetString();
        Assert.Equal(publicKey, shown.Json().GetProperty("publicKey").GetString());
        using var key = Keystore.Open(await File.ReadAllTextAsync(file), "correct horse");
        Assert.Equal(publicKey, key.PublicKey.ToString());
        Assert.Empty(created.Err);
    }

    [Fact]
    public async Task A_new_keystore_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var file = _dir.File("key.json");

        (await Harness.RunAsync("keys", "new", "--out", file, "--passphrase-env", Harness.Variable("pw"), "--fast")).AssertOk();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Human_output_prints_the_public_key()
    {
        var file = _dir.File("key.json");

        var result = await Harness.RunAsync("keys", "new", "--out", file, "--passphrase-env", Harness.Variable("pw"), "--fast");

        result.AssertOk();
        var publicKey = Keystore.ReadPublicKey(await File.ReadAllTextAsync(file)).ToString();
        Assert.Contains(publicKey, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_file_is_never_overwritten()
    {
        var file = _dir.File("key.json");
        await File.WriteAllTextAsync(file, "precious");

        var result = await Harness.RunAsync("keys", "new", "--out", file, "--passphrase-env", Harness.Variable("pw"), "--fast", "--json");

        Assert.Contains("already exists", result.AssertError(ExitCodes.Usage), StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(file));
        Assert.Equal("usage", result.Json().GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unset_passphrase_variable_is_a_usage_error_and_writes_nothing()
    {
        var file = _dir.File("key.json");

        var result = await Harness.RunAsync("keys", "new", "--out", file, "--passphrase-env", "CARECHAIN_TEST_UNSET_VARIABLE", "--fast");

        Assert.Contains("CARECHAIN_TEST_UNSET_VARIABLE", result.AssertError(ExitCodes.Usage), StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_wrong_passphrase_is_one_error_line_and_exit_2()
    {
        var file = _dir.File("key.json");
        (await Harness.RunAsync("keys", "new", "--out", file, "--passphrase-env", Harness.Variable("right"), "--fast")).AssertOk();

        // The key is opened before the node is contacted, so no node is needed to see the refusal.
        var result = await Harness.RunAsync(
            "anchor", "--hash", new string('a', 64), "--key", file, "--node", "http://127.0.0.1:1", "--passphrase-env", Harness.Variable("wrong"));

        Assert.Equal("error: cannot open " + file + ": wrong passphrase or damaged keystore", result.AssertError(ExitCodes.Usage));
    }

    [Fact]
    public async Task Showing_something_that_is_not_a_keystore_fails_cleanly()
    {
        var file = _dir.File("notes.txt");
        await File.WriteAllTextAsync(file, "{\"hello\": 1}");

        (await Harness.RunAsync("keys", "show", file)).AssertError(ExitCodes.Usage);
        (await Harness.RunAsync("keys", "show", _dir.File("absent.json"))).AssertError(ExitCodes.Usage);
    }

    public void Dispose() => _dir.Dispose();
}
