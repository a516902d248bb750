using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Carechain.Client;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Support;

/// <summary>
/// A real `carechain node run --dev` process on a free loopback port: what a user starts, and
/// what the fault tests kill with SIGKILL or stop with SIGTERM.
/// </summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    /// <summary>How many fresh ports a dev node is tried on when another process took the chosen one first.</summary>
    private const int PortAttempts = 3;

    private readonly Process _process;

    /// <summary>
    /// Set when the process prints that it serves: `node run` prints that line only after its own
    /// listener is bound, so an answer on the port afterwards is this process's and not another test's
    /// node that bound the same port first.
    /// </summary>
    private readonly TaskCompletionSource _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the process reported that its port was already bound by another process.</summary>
    private volatile bool _portTaken;

    private NodeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Client = new CarechainClient(Http);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && text.StartsWith("Carechain ", StringComparison.Ordinal) && text.Contains(", serving ", StringComparison.Ordinal))
            {
                _serving.TrySetResult();
            }
        };
        void PortTaken(object sender, DataReceivedEventArgs line)
        {
            if (line.Data?.Contains("address already in use", StringComparison.OrdinalIgnoreCase) == true)
            {
                _portTaken = true;
            }
        }

        process.OutputDataReceived += PortTaken;
        process.ErrorDataReceived += PortTaken;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public CarechainClient Client { get; }

    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "carechain.dll");

    public static async Task<NodeProcess> StartAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var node = Start(dataDirectory, LoopbackPorts.Free(1)[0]);
            try
            {
                await node.WaitHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
                return node;
            }
            catch (InvalidOperationException) when (attempt < PortAttempts && node._process.HasExited && node._portTaken)
            {
                // Exited before serving: another process bound the chosen port in between; try another.
                await node.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await node.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static NodeProcess Start(string dataDirectory, int port)
    {
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { CliPath, "node", "run", "--dev", "--data", dataDirectory, "--urls", url })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the node process");
        return new NodeProcess(process, new Uri(url + "/"));
    }

    /// <summary>SIGKILL: the process gets no chance to flush or close anything.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops a node; waits for a clean exit.</summary>
    public async Task StopAsync()
    {
        if (Terminate(_process.Id, 15) != 0)
        {
            throw new InvalidOperationException("could not signal the node process");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
    }

    public int ExitCode => _process.ExitCode;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the node exited with code {_process.ExitCode} before serving");
            }

            if (!_serving.Task.IsCompleted)
            {
                // Not bound yet: whatever answers on the port now is not this node.
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                using var response = await Http.GetAsync("health", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException("the node did not become healthy in time");
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Terminate(int pid, int signal);
}
