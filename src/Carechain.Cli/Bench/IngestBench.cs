using System.Diagnostics;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Notary;
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
    private readonly SigningKey[] _authors = Enumerable.Range(0, settings.Authors).Select(_ => SigningKey.Generate()).ToArray();
    private ulong _round;

    public async Task<IngestFigures> RunAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var options = new NodeOptions { DataDirectory = dataDirectory, ChainId = "carechain-bench" };
        using var runtime = NodeRuntime.Open(options, TimeProvider.System, NullLoggerFactory.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => runtime.Producer!.RunAsync(stop.Token), CancellationToken.None);
        try
        {
            report($"signing {settings.Transactions:N0} transactions from {_authors.Length:N0} keys");
            var saturating = Sign(settings.Transactions);
            report("ingesting at full speed");
            var half = 0.0;
            var full = await Drive(runtime, saturating, pacePerSecond: 0, onHalf: () => half = WorkingSetMb()).ConfigureAwait(false);
            var end = WorkingSetMb();
            var blocks = runtime.Chain.Head.Height;

            var paceRate = full.Rate / 2;
            var pacedCount = (int)Math.Max(1_000, paceRate * settings.LatencyDuration.TotalSeconds);
            report($"measuring commit latency at {paceRate:N0} tx/s (half of peak)");
            var paced = await Drive(runtime, Sign(pacedCount), paceRate, onHalf: () => { }).ConfigureAwait(false);

            report("measuring inclusion proofs from the node's store");
            var head = runtime.Chain.Head;
            var storeProofs = ProofBench.Measure(runtime.Store, head.LogSize, head.LogRoot, TimeSpan.FromSeconds(2));
            return new IngestFigures(full, paced, blocks, storeProofs, half, end);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    /// <summary>Signs <paramref name="count"/> anchors, round by round, so every key's nonces ascend in submission order.</summary>
    private Transaction[] Sign(int count)
    {
        var rounds = (count + _authors.Length - 1) / _authors.Length;
        var first = _round + 1;
        _round += (ulong)rounds;
        var txs = new Transaction[rounds * _authors.Length];
        Parallel.For(0, txs.Length, i =>
        {
            var author = _authors[i % _authors.Length];
            var nonce = first + (ulong)(i / _authors.Length);
            Span<byte> seed = stackalloc byte[40];
            author.PublicKey.WriteTo(seed);
            BitConverter.TryWriteBytes(seed[32..], nonce);
            var request = new AnchorRequest(Hash256.Sha256(seed), "bench", "application/octet-stream");
            txs[i] = Transaction.Create(author, "carechain-bench", nonce, NotaryModule.ModuleName, AnchorRequest.Operation, request.Encode());
        });
        return txs;
    }

    private async Task<IngestRun> Drive(NodeRuntime runtime, Transaction[] txs, double pacePerSecond, Action onHalf)
    {
        var submitted = new long[txs.Length];
        var committed = new long[txs.Length];
        var waits = new Task[txs.Length];
        for (var i = 0; i < txs.Length; i++)
        {
            var index = i;
            waits[i] = runtime.Notifier.Register(txs[i].Id).ContinueWith(
                _ => committed[index] = Stopwatch.GetTimestamp(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        var batch = pacePerSecond > 0 ? Math.Max(1, (int)(pacePerSecond / 100)) : settings.BatchSize;
        var start = Stopwatch.GetTimestamp();
        for (var offset = 0; offset < txs.Length; offset += batch)
        {
            if (pacePerSecond > 0)
            {
                var due = start + (long)(offset / pacePerSecond * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait).ConfigureAwait(false);
                }
            }

            var count = Math.Min(batch, txs.Length - offset);
            var raw = new ReadOnlyMemory<byte>[count];
            for (var i = 0; i < count; i++)
            {
                raw[i] = txs[offset + i].Encoded;
            }

            var now = Stopwatch.GetTimestamp();
            Array.Fill(submitted, now, offset, count);
            var results = runtime.Admission.AdmitBatch(raw);
            var refused = results.FirstOrDefault(r => r.Status == AdmissionStatus.Refused);
            if (refused is not null)
            {
                throw new InvalidOperationException($"The bench's own transaction was refused: {refused.ErrorCode} {refused.Detail}");
            }

            if (offset < txs.Length / 2 && offset + count >= txs.Length / 2)
            {
                onHalf();
            }
        }

        await Task.WhenAll(waits).ConfigureAwait(false);
        var latencies = new double[txs.Length];
        for (var i = 0; i < txs.Length; i++)
        {
            latencies[i] = Stopwatch.GetElapsedTime(submitted[i], committed[i]).TotalMilliseconds;
        }

        var elapsed = Stopwatch.GetElapsedTime(start, committed.Max());
        return new IngestRun(txs.Length / elapsed.TotalSeconds, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99));
    }

    private static double WorkingSetMb() => Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024.0);
}
