namespace Carechain.Cli.Tests.Support;

/// <summary>Runs <c>carechain</c> in-process through <see cref="Program.RunAsync"/>, capturing stdout and stderr.</summary>
internal static class Harness
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Program.RunAsync(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>An environment variable holding <paramref name="value"/> under a name no other test uses (tests run in parallel).</summary>
    public static string Variable(string value)
    {
        var name = "CARECHAIN_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, value);
        return name;
    }
}
