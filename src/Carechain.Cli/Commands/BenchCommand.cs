using System.CommandLine;
using Carechain.Cli.Bench;
using Spectre.Console;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain bench</c>: raw signature verification against end-to-end ingest on this machine,
/// in one run, plus commit latency and proof generation. Finishes in well under 3 minutes by default.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var transactions = new Option<int>("--transactions") { Description = "Transactions in the full-speed ingest phase", DefaultValueFactory = _ => 100_000 };
        var authors = new Option<int>("--authors") { Description = "Distinct signing keys", DefaultValueFactory = _ => 1_000 };
        var latencySeconds = new Option<int>("--latency-seconds") { Description = "Length of the half-load latency phase", DefaultValueFactory = _ => 5 };
        var proofLeaves = new Option<int>("--proof-leaves") { Description = "Leaves of the log used for the proof-generation figure", DefaultValueFactory = _ => 1_000_000 };
        var clusterMembers = new Option<int>("--cluster-nodes") { Description = "Members of the Raft consortium phase (0 skips it)", DefaultValueFactory = _ => 3 };
        var clusterTransactions = new Option<int>("--cluster-transactions") { Description = "Transactions in the consortium's full-speed phase", DefaultValueFactory = _ => 30_000 };
        var json = CommonOptions.Json();
        var command = new Command("bench", "Measure raw Ed25519 verify vs end-to-end ingest into synced blocks (one node and a Raft consortium), commit latency and proof generation")
        {
            transactions, authors, latencySeconds, proofLeaves, clusterMembers, clusterTransactions, json,
        };
        command.Add(SupplyBenchCommand.Create());
        command.Add(RecordsBenchCommand.Create());
        CommandRunner.SetAction(command, json, async context =>
        {
            var settings = new BenchSettings(
                context.Value(transactions), context.Value(authors), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(context.Value(latencySeconds)),
                context.Value(proofLeaves), BatchSize: 1_000, context.Value(clusterMembers), context.Value(clusterTransactions));
            if (settings.Transactions < 1_000 || settings.Authors < 1 || settings.Authors > settings.Transactions || settings.ProofLeaves < 2 || settings.LatencyDuration <= TimeSpan.Zero
                || settings.ClusterMembers is not (0 or (>= 3 and <= 7)) || settings.ClusterTransactions < settings.Authors)
            {
                throw CliException.Usage("--transactions >= 1000, 1 <= --authors <= --transactions, --proof-leaves >= 2, --latency-seconds >= 1, --cluster-nodes 0 or 3..7, --cluster-transactions >= --authors");
            }

            var result = await BenchRunner.RunAsync(settings, line => context.Error.WriteLine(line), context.CancellationToken);
            context.Emit(result, ui => ui.Write(BenchRunner.Table(result)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
