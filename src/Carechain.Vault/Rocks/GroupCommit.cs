using System.Threading.Channels;
using RocksDbSharp;

namespace Carechain.Vault.Rocks;

/// <summary>
/// Synced writes for many concurrent callers, one fsync per group: each caller hands over the puts
/// of its write and awaits; one loop gathers everything queued meanwhile into a single batch, writes
/// it synced, and completes every caller together. A caller is answered only after its puts are on
/// disk, as with a synced write of its own, but N concurrent writers cost one fsync instead of N and
/// no thread-pool thread blocks in fsync but the loop's.
/// </summary>
internal sealed class GroupCommit : IAsyncDisposable
{
    private const int MaxGroup = 1_024;

    private readonly RocksDb _db;
    private readonly WriteOptions _sync;
    private readonly Channel<(Action<WriteBatch> Fill, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(Action<WriteBatch>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _loop;

    public GroupCommit(RocksDb db, WriteOptions sync)
    {
        _db = db;
        _sync = sync;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once the puts <paramref name="fill"/> adds to the group's batch are synced to disk.</summary>
    public Task WriteAsync(Action<WriteBatch> fill)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite((fill, done)), this);

        return done.Task;
    }

    /// <summary>Stops taking writes and waits for the ones queued to land; the caller disposes the database afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var group = new List<(Action<WriteBatch> Fill, TaskCompletionSource Done)>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var item))
            {
                group.Add(item);
            }

            try
            {
                using var batch = new WriteBatch();
                foreach (var (fill, _) in group)
                {
                    fill(batch);
                }

                _db.Write(batch, _sync);
                group.ForEach(g => g.Done.TrySetResult());
            }
            catch (Exception ex) when (ex is RocksDbException or ObjectDisposedException)
            {
                group.ForEach(g => g.Done.TrySetException(ex));
            }

            group.Clear();
        }
    }
}
