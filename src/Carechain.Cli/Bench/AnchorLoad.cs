using System.Diagnostics;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Admission;
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

    public async Task<IngestRun> DriveAsync(NodeRuntime runtime, Transaction[] txs, double pacePerSecond, Action onHalf)
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

        var batch = pacePerSecond > 0 ? Math.Max(1, (int)(pacePerSecond / 100)) : batchSize;
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

        try
        {
            await Task.WhenAll(waits).WaitAsync(CommitTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException(
                $"{waits.Count(w => !w.IsCompleted):N0} of the bench's transactions were not committed within {CommitTimeout.TotalMinutes:N0} minutes; run it again");
        }

        var latencies = new double[txs.Length];
        for (var i = 0; i < txs.Length; i++)
        {
            latencies[i] = Stopwatch.GetElapsedTime(submitted[i], committed[i]).TotalMilliseconds;
        }

        var elapsed = Stopwatch.GetElapsedTime(start, committed.Max());
        return new IngestRun(txs.Length / elapsed.TotalSeconds, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99));
    }
}
