using System.Diagnostics;
using Carechain.Node;
using Carechain.Node.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Carechain.Cli.Bench;

/// <summary>
/// End-to-end ingest on one real node runtime (RocksDB store, synced blocks, solo producer):
/// pre-signed notary anchors go through admission (decode, parallel signature checks, nonces)
/// in batches, as the batch endpoint takes them; a transaction counts once its block is synced.
/// </summary>
internal sealed class IngestBench(BenchSettings settings, Action<string> report)
{
    private readonly AnchorLoad _load = new(settings.Authors, settings.BatchSize);

    public async Task<IngestFigures> RunAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var options = new NodeOptions { DataDirectory = dataDirectory, ChainId = AnchorLoad.ChainId };
        using var runtime = NodeRuntime.Open(options, TimeProvider.System, NullLoggerFactory.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => runtime.Producer!.RunAsync(stop.Token), CancellationToken.None);
        try
        {
            report($"signing {settings.Transactions:N0} transactions from {_load.Authors:N0} keys");
            var warmUp = _load.Sign(AnchorLoad.WarmUpTransactions);
            var saturating = _load.Sign(settings.Transactions);
            report($"warming up with {warmUp.Length:N0} transactions");
            await _load.DriveAsync(runtime, () => runtime, warmUp, pacePerSecond: 0, onHalf: () => { }).ConfigureAwait(false);
            var warmBlocks = runtime.Chain.Head.Height;
            report("ingesting at full speed");
            var half = 0.0;
            var cpu = CpuClock.Start();
            var full = await _load.DriveAsync(runtime, () => runtime, saturating, pacePerSecond: 0, onHalf: () => half = WorkingSetMb()).ConfigureAwait(false);
            var cpuMsPerTx = cpu.MillisecondsPer(saturating.Length);
            var end = WorkingSetMb();
            var blocks = runtime.Chain.Head.Height - warmBlocks;

            var paceRate = full.Rate / 2;
            var pacedCount = (int)Math.Max(1_000, paceRate * settings.LatencyDuration.TotalSeconds);
            report($"measuring commit latency at {paceRate:N0} tx/s (half of peak)");
            var paced = await _load.DriveAsync(runtime, () => runtime, _load.Sign(pacedCount), paceRate, onHalf: () => { }).ConfigureAwait(false);

            report("measuring inclusion proofs from the node's store");
            var head = runtime.Chain.Head;
            var storeProofs = ProofBench.Measure(runtime.Store, head.LogSize, head.LogRoot, TimeSpan.FromSeconds(2));
            return new IngestFigures(full, paced, cpuMsPerTx, blocks, storeProofs, half, end);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    private static double WorkingSetMb() => Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024.0);
}
