using Carechain.Core.Merkle;
using Spectre.Console;

namespace Carechain.Cli.Bench;

/// <summary>Runs every phase of the bench in order on this machine and gathers the figures.</summary>
internal static class BenchRunner
{
    public static async Task<BenchResult> RunAsync(BenchSettings settings, Action<string> report, CancellationToken cancellationToken)
    {
        report($"bench: raw Ed25519 verification on {Environment.ProcessorCount} cores");
        var verify = SignatureBaseline.Measure(settings.VerifyDuration);

        report($"bench: inclusion proofs on a {settings.ProofLeaves:N0}-leaf log");
        var log = ProofBench.BuildLog(settings.ProofLeaves);
        var proofs = ProofBench.Measure(log, settings.ProofLeaves, MerkleProofBuilder.RootAt(log, settings.ProofLeaves), TimeSpan.FromSeconds(2));

        var folder = Path.Combine(Path.GetTempPath(), "carechain-bench-" + Path.GetRandomFileName());
        try
        {
            var ingest = await new IngestBench(settings, line => report("bench: " + line)).RunAsync(Path.Combine(folder, "single"), cancellationToken);
            var cluster = settings.ClusterMembers == 0
                ? null
                : await new ClusterBench(settings, settings.ClusterMembers, line => report("bench: " + line))
                    .RunAsync(Path.Combine(folder, "cluster"), settings.ClusterTransactions, cancellationToken);
            return new BenchResult(
                Environment.ProcessorCount,
                Math.Round(verify),
                Math.Round(ingest.Saturated.Rate),
                Math.Round(ingest.SaturatedCpuMsPerTx, 4),
                Math.Round(ingest.Saturated.Rate / verify, 3),
                settings.Transactions,
                ingest.Blocks,
                Math.Round((double)settings.Transactions / Math.Max(1, ingest.Blocks), 1),
                Math.Round(ingest.Saturated.Rate / 2),
                Math.Round(ingest.Paced.P50Ms, 2),
                Math.Round(ingest.Paced.P99Ms, 2),
                Math.Round(ingest.Saturated.P50Ms, 2),
                Math.Round(ingest.Saturated.P99Ms, 2),
                Math.Round(proofs),
                settings.ProofLeaves,
                Math.Round(ingest.StoreProofsPerSec),
                Math.Round(ingest.WorkingSetMbAtHalf, 1),
                Math.Round(ingest.WorkingSetMbAtEnd, 1),
                settings.ClusterMembers,
                Math.Round(cluster?.Saturated.Rate ?? 0),
                Math.Round((cluster?.Saturated.Rate ?? 0) / ingest.Saturated.Rate, 3),
                Math.Round(cluster?.SaturatedCpuMsPerTx ?? 0, 4),
                cluster is null ? 0 : Math.Round(ingest.SaturatedCpuMsPerTx / cluster.SaturatedCpuMsPerTx, 3),
                cluster?.SaturatedBlocks ?? 0,
                Math.Round((cluster?.Saturated.Rate ?? 0) / 2),
                Math.Round(cluster?.Paced.P50Ms ?? 0, 2),
                Math.Round(cluster?.Paced.P99Ms ?? 0, 2),
                Math.Round(cluster?.Saturated.P50Ms ?? 0, 2),
                Math.Round(cluster?.Saturated.P99Ms ?? 0, 2),
                cluster?.SaturatedRaft.Timeouts ?? 0,
                cluster?.SaturatedRaft.Elections ?? 0,
                cluster?.PacedRaft.Timeouts ?? 0,
                cluster?.PacedRaft.Elections ?? 0);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    public static Table Table(BenchResult r)
    {
        var table = new Table().AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("raw Ed25519 verify, all cores", $"{r.VerifyPerSec:N0} /s");
        table.AddRow("ingest into synced blocks", $"{r.IngestTxPerSec:N0} tx/s");
        table.AddRow("ratio ingest / verify", $"{r.Ratio:0.000}");
        table.AddRow("process CPU per ingested tx", $"{r.IngestCpuMsPerTx * 1000:N0} µs");
        table.AddRow("blocks (avg tx per block)", $"{r.Blocks:N0} ({r.AverageBlockTransactions:N1})");
        table.AddRow($"commit p50 / p99 at {r.LatencyLoadTxPerSec:N0} tx/s", $"{r.CommitP50Ms:N1} / {r.CommitP99Ms:N1} ms");
        table.AddRow("commit p50 / p99 at full speed", $"{r.SaturatedCommitP50Ms:N1} / {r.SaturatedCommitP99Ms:N1} ms");
        table.AddRow($"inclusion proofs, {r.ProofLogLeaves:N0}-leaf log", $"{r.ProofsPerSec:N0} /s");
        table.AddRow("inclusion proofs from the node store", $"{r.StoreProofsPerSec:N0} /s");
        table.AddRow("working set at half / end of ingest", $"{r.WorkingSetMbAtHalf:N0} / {r.WorkingSetMbAtEnd:N0} MB");
        if (r.ClusterMembers > 0)
        {
            table.AddRow($"{r.ClusterMembers}-member Raft consortium ingest", $"{r.ClusterTxPerSec:N0} tx/s");
            table.AddRow("ratio consortium / single node", $"{r.ClusterRatioToSingleNode:0.000}");
            table.AddRow("process CPU per consortium tx (all members)", $"{r.ClusterCpuMsPerTx * 1000:N0} µs");
            table.AddRow("CPU-cost ratio single node / consortium", $"{r.ClusterCpuRatioToSingleNode:0.000}");
            table.AddRow("consortium blocks at full speed", $"{r.ClusterBlocks:N0}");
            table.AddRow($"consortium commit p50 / p99 at {r.ClusterLatencyLoadTxPerSec:N0} tx/s", $"{r.ClusterCommitP50Ms:N1} / {r.ClusterCommitP99Ms:N1} ms");
            table.AddRow("consortium commit p50 / p99 at full speed", $"{r.ClusterSaturatedCommitP50Ms:N1} / {r.ClusterSaturatedCommitP99Ms:N1} ms");
            table.AddRow("Raft election timeouts / elections at full speed", $"{r.ClusterElectionTimeoutsAtFullSpeed:N0} / {r.ClusterElectionsAtFullSpeed:N0}");
            table.AddRow("Raft election timeouts / elections at half of peak", $"{r.ClusterElectionTimeoutsAtHalfLoad:N0} / {r.ClusterElectionsAtHalfLoad:N0}");
        }

        return table;
    }
}
