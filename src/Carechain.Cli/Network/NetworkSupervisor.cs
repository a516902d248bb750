namespace Carechain.Cli.Network;

/// <summary>
/// The child node processes of <c>carechain network up</c>: starts them, waits for them to serve, notices
/// the first one that exits, and stops them all (SIGTERM to each, a grace period, then SIGKILL).
/// </summary>
internal sealed class NetworkSupervisor : IDisposable
{
    /// <summary>
    /// How long stopped nodes get to exit before they are killed. System.CommandLine ends the process two
    /// seconds after Ctrl-C or SIGTERM whatever the command is doing, so the kill must come before that.
    /// </summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(1500);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly IReadOnlyList<(NodeChildProcess Process, NodeProbe Probe)> _nodes;

    private NetworkSupervisor(IReadOnlyList<(NodeChildProcess Process, NodeProbe Probe)> nodes) => _nodes = nodes;

    public int Count => _nodes.Count;

    public static NetworkSupervisor Start(IReadOnlyList<NetworkMember> members, string passphraseVariable, string passphrase, PrefixedOutput output, PrefixedOutput errors)
    {
        var nodes = new List<(NodeChildProcess, NodeProbe)>(members.Count);
        try
        {
            foreach (var member in members)
            {
                nodes.Add((NodeChildProcess.Start(member, passphraseVariable, passphrase, output, errors), new NodeProbe(member)));
            }
        }
        catch
        {
            // Nodes already started must not outlive a failed start.
            var started = new NetworkSupervisor(nodes);
            started.Kill();
            started.Dispose();
            throw;
        }

        return new NetworkSupervisor(nodes);
    }

    /// <summary>Completes with the first node process that exits.</summary>
    public async Task<NodeChildProcess> FirstExitAsync()
    {
        var first = await Task.WhenAny(_nodes.Select(async n =>
        {
            await n.Process.Exited.ConfigureAwait(false);
            return n.Process;
        })).ConfigureAwait(false);
        return await first.ConfigureAwait(false);
    }

    /// <summary>
    /// Polls <c>/health</c> until every node answers ok, a node exits, or <paramref name="limit"/> passes;
    /// returns the nodes that are not (yet) healthy.
    /// </summary>
    public async Task<IReadOnlyList<NetworkMember>> WaitHealthyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var pending = _nodes.Select(n => n.Probe).ToList();
        try
        {
            while (pending.Count > 0 && !_nodes.Any(n => n.Process.Exited.IsCompleted))
            {
                var answers = await Task.WhenAll(pending.Select(async p => (Probe: p, Healthy: await p.IsHealthyAsync(deadline.Token).ConfigureAwait(false)))).ConfigureAwait(false);
                pending = [.. answers.Where(a => !a.Healthy).Select(a => a.Probe)];
                if (pending.Count > 0)
                {
                    await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The time limit passed: the caller reports who is still not serving.
        }

        return [.. pending.Select(p => p.Member)];
    }

    /// <summary>SIGTERM to every node still running, then SIGKILL to any that has not exited after <see cref="StopGrace"/>.</summary>
    public async Task StopAllAsync()
    {
        foreach (var (process, _) in _nodes)
        {
            process.RequestStop();
        }

        var all = Task.WhenAll(_nodes.Select(n => n.Process.Exited));
        if (await Task.WhenAny(all, Task.Delay(StopGrace)).ConfigureAwait(false) != all)
        {
            Kill();
        }

        await all.ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var (process, probe) in _nodes)
        {
            process.Dispose();
            probe.Dispose();
        }
    }

    private void Kill()
    {
        foreach (var (process, _) in _nodes)
        {
            process.Kill();
        }
    }
}
