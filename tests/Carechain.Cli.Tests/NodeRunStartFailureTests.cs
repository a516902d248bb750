using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Carechain.Testing;

namespace Carechain.Cli.Tests;

/// <summary><c>carechain node run</c> as a real process whose port another process already holds.</summary>
public sealed class NodeRunStartFailureTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_port_already_in_use_is_one_error_line_and_exit_2()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "carechain.dll"), "node", "run", "--dev", "--data", _dir.File("node"), "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        // A home folder of its own, as on a fresh machine: nothing the node starts may write or warn there.
        var home = Directory.CreateDirectory(_dir.File("home")).FullName;
        start.Environment["HOME"] = home;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var lines = ((await output) + (await error)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("address already in use", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories));
    }

    public void Dispose() => _dir.Dispose();
}
