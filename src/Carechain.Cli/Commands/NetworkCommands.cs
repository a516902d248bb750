using System.CommandLine;
using System.Globalization;
using Carechain.Cli.Network;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain network up</c> runs every node of a consortium folder (from <c>carechain init</c>) as a
/// child process in the foreground; <c>carechain network status</c> asks each of them for its role,
/// head and lag.
/// </summary>
internal static class NetworkCommands
{
    /// <summary>Set in the children's environment when <c>up</c> asked for the passphrase itself.</summary>
    public const string ChildPassphraseVariable = "CARECHAIN_NETWORK_PASSPHRASE";

    private const string Self = "network";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    /// <summary>A child that exits on Ctrl-C may be seen before our own handler runs; this long decides which came first.</summary>
    private static readonly TimeSpan SignalRace = TimeSpan.FromMilliseconds(300);

    public static Command Create()
    {
        var network = new Command("network", "Run and inspect a local consortium folder made by carechain init");
        network.Add(CreateUp());
        network.Add(CreateStatus());
        network.Add(AddNodeCommand.Create());
        return network;
    }

    private static Option<string> Dir() => new("--dir") { Description = "The consortium folder (holding nodeK/node.json)", Required = true };

    private static Command CreateUp()
    {
        var dir = Dir();
        var passphraseEnv = CommonOptions.PassphraseEnv(description: "Environment variable holding the passphrase of the nodes' keystores (asked once otherwise)");
        var json = CommonOptions.Json();
        var command = new Command("up", "Start every node of the folder in the foreground; Ctrl-C or SIGTERM stops them all") { dir, passphraseEnv, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var members = await ConsortiumFolder.LoadAsync(context.Value(dir)!, context.CancellationToken);
            var variable = context.Value(passphraseEnv);
            var passphrase = variable is not null
                ? Passphrases.FromEnvironment(variable)
                : await context.PromptSecretAsync("Passphrase of the consortium's keystores:");
            var output = new PrefixedOutput(context.Out);
            var errors = new PrefixedOutput(context.Error);
            using var network = NetworkSupervisor.Start(members, variable ?? ChildPassphraseVariable, passphrase, output, errors);
            NodeChildProcess? died = null;
            try
            {
                died = await SuperviseAsync(network, members, output, errors, context.CancellationToken);
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                output.WriteLine(Self, "stopping every node");
            }
            finally
            {
                await network.StopAllAsync();
            }

            if (died is not null)
            {
                throw CliException.Failed("node_exited", $"{died.Member.Id} exited unexpectedly with code {died.ExitCode}; every other node was stopped");
            }

            output.WriteLine(Self, $"stopped {network.Count} nodes");
            context.Emit(new { stopped = network.Count }, _ => { });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Waits for the nodes to serve, then for a stop request; returns the node that died first, if one did.</summary>
    private static async Task<NodeChildProcess?> SuperviseAsync(
        NetworkSupervisor network, IReadOnlyList<NetworkMember> members, PrefixedOutput output, PrefixedOutput errors, CancellationToken cancellationToken)
    {
        var exited = network.FirstExitAsync();
        var notServing = await network.WaitHealthyAsync(StartLimit, cancellationToken);
        if (!exited.IsCompleted)
        {
            if (notServing.Count == 0)
            {
                output.WriteLine(Self, $"all {members.Count} nodes are serving: {string.Join(", ", members.Select(m => $"{m.Id} {Url(m)}"))}; Ctrl-C stops them");
            }
            else
            {
                errors.WriteLine(Self, $"not serving after {StartLimit.TotalSeconds:0} s: {string.Join(", ", notServing.Select(m => m.Id))}; still waiting on them, Ctrl-C stops every node");
            }
        }

        var first = await exited.WaitAsync(cancellationToken);
        await Task.Delay(SignalRace, cancellationToken);
        return first;
    }

    private static Command CreateStatus()
    {
        var dir = Dir();
        var json = CommonOptions.Json();
        var command = new Command("status", "Role (leader, follower or down), height, head and lag of every node of the folder") { dir, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var members = await ConsortiumFolder.LoadAsync(context.Value(dir)!, context.CancellationToken);
            var probes = members.Select(m => new NodeProbe(m)).ToList();
            NodeSnapshot[] snapshots;
            try
            {
                snapshots = await Task.WhenAll(probes.Select(p => p.ProbeAsync(context.CancellationToken)));
            }
            finally
            {
                probes.ForEach(p => p.Dispose());
            }

            var highest = snapshots.Where(s => s.Head is not null).Select(s => s.Head!.Height).DefaultIfEmpty(0).Max();
            var nodes = snapshots.Select(s => new NodeStatus(
                s.Member.Id, Url(s.Member), s.Role, s.Head?.Height, s.Head?.Hash, s.Head?.StateCommitment, highest - s.Head?.Height, s.LastCertifiedHeight)).ToList();
            context.Emit(
                new { nodes },
                ui => Display.Table(
                    ui,
                    ["node", "url", "role", "health", "height", "lag", "head", "state commitment", "certified"],
                    nodes.Zip(snapshots).Select(row => new[]
                    {
                        row.First.Id, row.First.Url, row.First.Role, row.Second.Health, Number(row.First.Height), Number(row.First.Lag),
                        Short(row.First.HeadHash), Short(row.First.StateCommitment), Number(row.First.LastCertifiedHeight),
                    })));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Url(NetworkMember member) => member.ApiUrl.ToString().TrimEnd('/');

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Enough of a hash to tell heads apart at a glance; --json has them in full.</summary>
    private static string? Short(string? hash) => hash is { Length: > 16 } ? hash[..16] + "…" : hash;
}
