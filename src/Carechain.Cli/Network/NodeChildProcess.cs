using System.Diagnostics;

namespace Carechain.Cli.Network;

/// <summary>
/// One consortium node running as a child <c>carechain node run --config</c> process, its stdout and
/// stderr streamed line by line with its id in front.
/// </summary>
internal sealed class NodeChildProcess : IDisposable
{
    private readonly Process _process;

    private NodeChildProcess(NetworkMember member, Process process)
    {
        Member = member;
        _process = process;
        Exited = process.WaitForExitAsync();
    }

    public NetworkMember Member { get; }

    /// <summary>Completes when the process has exited and its output has been drained.</summary>
    public Task Exited { get; }

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the node; its keystore passphrase is read by the child from <paramref name="passphraseVariable"/>, set to <paramref name="passphrase"/>.</summary>
    public static NodeChildProcess Start(NetworkMember member, string passphraseVariable, string passphrase, PrefixedOutput output, PrefixedOutput errors)
    {
        var start = CarechainExecutable.StartInfo(["node", "run", "--config", member.ConfigPath, "--passphrase-env", passphraseVariable]);
        start.Environment[passphraseVariable] = passphrase;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Forward(output, member.Id, line.Data);
        process.ErrorDataReceived += (_, line) => Forward(errors, member.Id, line.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw CliException.Failed("start_failed", $"cannot start {start.FileName} for {member.Id}: {ex.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeChildProcess(member, process);
    }

    /// <summary>SIGTERM: the node stops serving, leaves Raft and closes its store.</summary>
    public void RequestStop()
    {
        if (!_process.HasExited)
        {
            PosixSignals.Terminate(_process);
        }
    }

    /// <summary>SIGKILL for a node that did not stop in time.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
    }

    public void Dispose() => _process.Dispose();

    private static void Forward(PrefixedOutput output, string id, string? line)
    {
        // A null line marks the end of the stream, not an empty line.
        if (line is not null)
        {
            output.WriteLine(id, line);
        }
    }
}
