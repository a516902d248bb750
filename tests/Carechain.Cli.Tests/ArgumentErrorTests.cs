using Carechain.Testing;
using Carechain.Cli.Tests.Support;

namespace Carechain.Cli.Tests;

public sealed class ArgumentErrorTests
{
    [Theory]
    [InlineData("no-such-command")]
    [InlineData("keys", "new")]
    [InlineData("keys", "new", "--out")]
    [InlineData("anchor", "--key", "k.json", "--node", "http://localhost")]
    [InlineData("anchor", "file.pdf", "--hash", "00", "--key", "k.json", "--node", "http://localhost")]
    [InlineData("identity", "register", "--name", "A", "--role", "admin", "--key", "k.json", "--node", "http://localhost")]
    [InlineData("proof", "verify", "p.json")]
    [InlineData("tx", "show", "--node", "http://localhost")]
    [InlineData("head")]
    [InlineData("head", "--node", "http://localhost", "--bogus")]
    public async Task Parse_errors_exit_2_with_one_error_line(params string[] args)
    {
        (await Harness.RunAsync(args)).AssertError(ExitCodes.Usage);
    }

    [Theory]
    [InlineData("tx", "show", "not-a-tx-id", "--node", "http://127.0.0.1:1")]
    [InlineData("block", "show", "tall", "--node", "http://127.0.0.1:1")]
    [InlineData("identity", "show", "abcd", "--node", "http://127.0.0.1:1")]
    [InlineData("head", "--node", "not a url")]
    [InlineData("head", "--node", "ftp://example.org")]
    [InlineData("bench", "--cluster-nodes", "2")]
    [InlineData("bench", "--cluster-nodes", "1")]
    [InlineData("bench", "--cluster-transactions", "10")]
    [InlineData("bench", "records", "--writes", "0")]
    [InlineData("bench", "records", "--read-clients", "0")]
    [InlineData("bench", "records", "--warmup", "-1")]
    [InlineData("bench", "records", "--bundle-entries", "101")]
    [InlineData("bench", "records", "--bundles", "0")]
    public async Task Malformed_values_are_refused_before_the_node_is_contacted(params string[] args)
    {
        (await Harness.RunAsync(args)).AssertError(ExitCodes.Usage);
    }

    [Fact]
    public async Task Json_mode_parse_errors_still_end_stdout_with_one_json_object()
    {
        var result = await Harness.RunAsync("head", "--json");

        result.AssertError(ExitCodes.Usage);
        Assert.Equal(ExitCodes.Usage, result.Json().GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task An_unreachable_node_exits_3_with_the_documented_message()
    {
        var result = await Harness.RunAsync("head", "--node", "http://127.0.0.1:1", "--json");

        Assert.Equal("error: node at http://127.0.0.1:1 is unreachable", result.AssertError(ExitCodes.Unreachable));
        Assert.Equal("unreachable", result.Json().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Help_is_not_an_error()
    {
        var result = await Harness.RunAsync("anchor", "--help");

        result.AssertOk();
        Assert.Contains("--proof-out", result.Out, StringComparison.Ordinal);
    }
}
