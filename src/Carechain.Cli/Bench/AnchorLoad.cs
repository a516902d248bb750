using System.Diagnostics;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Notary;
using Carechain.Node.Hosting;

namespace Carechain.Cli.Bench;

/// <summary>
/// The bench's load: pre-signed notary anchors from a fixed set of keys, admitted in batches as
/// the batch endpoint takes them (decode, parallel signature checks, nonces) at full speed or
/// at a set pace; a transaction counts once the node tells it is committed.
/// </summary>
internal sealed class AnchorLoad(int authors, int batchSize)
{
    public const string ChainId = "carechain-bench";

    /// <summary>
    /// Transactions driven, untimed, before each full-speed phase, so that it measures the node in
    /// steady state: code still being compiled to its final tier (on a consortium, the Raft and
    /// follower paths the single-node phase never ran) would otherwise count as throughput lost.
    /// </summary>
    public const int WarmUpTransactions = 5_000;

    private readonly SigningKey[] _authors = Enumerable.Range(0, authors).Select(_ => SigningKey.Generate()).ToArray();
    private ulong _round;

    public int Authors => _authors.Length;

    /// <summary>Signs <paramref name="count"/> anchors, round by round, so every key's nonces ascend in submission order.</summary>
    public Transaction[] Sign(int count)
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
            txs[i] = Transaction.Create(author, ChainId, nonce, NotaryModule.ModuleName, AnchorRequest.Operation, request.Encode());
        });
        return txs;
    }

    private static readonly TimeSpan CommitTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How long without a single commit before the load offers again everything not yet committed.</summary>
    private static readonly TimeSpan ResubmitAfter = TimeSpan.FromSeconds(2);

    /// <summary>The pause before a batch the node could not take yet (nonce gap, full mempool) is offered again.</summary>
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Submits <paramref name="txs"/> in batches to <paramref name="target"/> (asked again before each
    /// batch: a consortium's current leader) and waits until <paramref name="observed"/> has committed
    /// them all. As a client does when leadership moves, a batch the node cannot take yet (a nonce
    /// gap while a deposed leader hands its mempool over, or a full mempool) is offered again, with
    /// every earlier transaction not yet committed once that lasts; everything uncommitted is offered
    /// again when nothing commits for a while. A transaction's latency runs from its first submission.
    /// </summary>
    public async Task<IngestRun> DriveAsync(NodeRuntime observed, Func<NodeRuntime> target, Transaction[] txs, double pacePerSecond, Action onHalf)
    {
        var submitted = new long[txs.Length];
        var committed = new long[txs.Length];
        var waits = new Task[txs.Length];
        var committedCount = 0;
        for (var i = 0; i < txs.Length; i++)
        {
            var index = i;
            waits[i] = observed.Notifier.Register(txs[i].Id).ContinueWith(
                _ =>
                {
                    committed[index] = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref committedCount);
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        var batch = pacePerSecond > 0 ? Math.Max(1, (int)(pacePerSecond / 100)) : batchSize;
        var start = Stopwatch.GetTimestamp();
        var halfReported = false;
        long? refusedSince = null;
        for (var offset = 0; offset < txs.Length;)
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
            if (!Submit(target(), txs, offset, count, submitted))
            {
                // A predecessor the node lost (a handoff that failed) leaves a gap that only offering it again closes.
                refusedSince ??= Stopwatch.GetTimestamp();
                if (Stopwatch.GetElapsedTime(refusedSince.Value) > ResubmitAfter)
                {
                    SubmitUncommitted(target(), txs, committed, offset, submitted);
                    refusedSince = null;
                }

                await Task.Delay(RetryPause).ConfigureAwait(false);
                continue;
            }

            refusedSince = null;

            if (!halfReported && offset + count >= txs.Length / 2)
            {
                halfReported = true;
                onHalf();
            }

            offset += count;
        }

        var all = Task.WhenAll(waits);
        var lastProgress = Stopwatch.GetTimestamp();
        var lastCount = Volatile.Read(ref committedCount);
        while (await Task.WhenAny(all, Task.Delay(ResubmitAfter)).ConfigureAwait(false) != all)
        {
            var now = Volatile.Read(ref committedCount);
            if (now != lastCount)
            {
                (lastCount, lastProgress) = (now, Stopwatch.GetTimestamp());
                continue;
            }

            if (Stopwatch.GetElapsedTime(lastProgress) > CommitTimeout)
            {
                throw new InvalidOperationException(
                    $"{waits.Count(w => !w.IsCompleted):N0} of the bench's transactions were not committed within {CommitTimeout.TotalMinutes:N0} minutes; run it again");
            }

            SubmitUncommitted(target(), txs, committed, txs.Length, submitted);
        }

        var latencies = new double[txs.Length];
        for (var i = 0; i < txs.Length; i++)
        {
            latencies[i] = Stopwatch.GetElapsedTime(submitted[i], committed[i]).TotalMilliseconds;
        }

        var elapsed = Stopwatch.GetElapsedTime(start, committed.Max());
        return new IngestRun(txs.Length / elapsed.TotalSeconds, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99));
    }

    /// <summary>Admits one batch; false when the node could not take some of it yet. Any other refusal is a bench bug and throws.</summary>
    private static bool Submit(NodeRuntime runtime, Transaction[] txs, int offset, int count, long[] submitted)
    {
        var raw = new ReadOnlyMemory<byte>[count];
        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            raw[i] = txs[offset + i].Encoded;
            if (submitted[offset + i] == 0)
            {
                submitted[offset + i] = now;
            }
        }

        var refused = runtime.Admission.AdmitBatch(raw).Where(r => r.Status == AdmissionStatus.Refused).ToList();
        if (refused.FirstOrDefault(r => r.ErrorCode is not (LedgerErrors.NonceGap or LedgerErrors.MempoolFull)) is { } refusal)
        {
            throw new InvalidOperationException($"The bench's own transaction was refused: {refusal.ErrorCode} {refusal.Detail}");
        }

        return refused.Count == 0;
    }

    /// <summary>Offers again, in order and in batches, every transaction before <paramref name="end"/> not yet committed.</summary>
    private void SubmitUncommitted(NodeRuntime runtime, Transaction[] txs, long[] committed, int end, long[] submitted)
    {
        var first = Array.FindIndex(committed, 0, end, c => c == 0);
        for (var offset = Math.Max(0, first); first >= 0 && offset < end; offset += batchSize)
        {
            Submit(runtime, txs, offset, Math.Min(batchSize, end - offset), submitted);
        }
    }
}
