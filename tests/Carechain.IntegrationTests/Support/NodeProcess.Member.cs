using System.Diagnostics;

namespace Carechain.IntegrationTests.Support;

/// <summary>Consortium members as real processes: `carechain node run --config FILE --passphrase-env NAME`.</summary>
public sealed partial class NodeProcess
{
    /// <summary>
    /// Starts the member of <paramref name="configPath"/>, which serves on <paramref name="url"/> (from its
    /// config), with the keystore passphrase in <paramref name="passphraseVariable"/> of the child's environment,
    /// and waits until it answers /health.
    /// </summary>
    public static async Task<NodeProcess> StartMemberAsync(
        string configPath, Uri url, string passphraseVariable, string passphrase, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { CliPath, "node", "run", "--config", configPath, "--passphrase-env", passphraseVariable })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[passphraseVariable] = passphrase;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the member process");
        var node = new NodeProcess(process, url);
        try
        {
            await node.WaitHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return node;
    }
}
