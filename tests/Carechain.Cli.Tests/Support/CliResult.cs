using System.Text.Json;

namespace Carechain.Cli.Tests.Support;

/// <summary>What one in-process <c>carechain</c> run produced, with the output contract's checks.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err)
{
    /// <summary>The JSON object on the last line of stdout, as <c>--json</c> promises.</summary>
    public JsonElement Json()
    {
        var last = Out.TrimEnd('\n', '\r').Split('\n')[^1];
        using var document = JsonDocument.Parse(last);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the failure contract: the exit code and exactly one line on stderr, starting with "error: ".</summary>
    public string AssertError(int exitCode)
    {
        Assert.True(exitCode == ExitCode, $"exit {ExitCode}, expected {exitCode}; stderr: {Err}; stdout: {Out}");
        var lines = Err.TrimEnd('\n', '\r').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Err, StringComparison.Ordinal);
        return lines[0];
    }

    public void AssertOk() => Assert.True(ExitCode == 0, $"exit {ExitCode}; stderr: {Err}; stdout: {Out}");
}
