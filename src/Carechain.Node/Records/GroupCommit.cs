using System.Globalization;
using System.Threading.Channels;
using Carechain.Node.Api;

namespace Carechain.Node.Records;

/// <summary>
/// Group commit of node-signed records entries (ADR 0013): callers queue one entry each, and whatever
/// is queued when one of <see cref="MaxInFlight"/> commit slots is free goes out as one transaction
/// of <paramref name="operation"/>, through <see cref="NodeSubmitter"/> (so nonces stay in order and a
/// consortium follower forwards it). The module decides each entry alone and names it in its event
/// by index (<c>entry</c>); each caller gets its own entry's event. An idle node commits an entry
/// alone at once; under load, entries wait at most about one block longer than alone.
/// </summary>
internal sealed class GroupCommit<TEntry> : IDisposable
{
    /// <summary>Transactions awaiting their block at once; more entries wait and join the next one.</summary>
    private const int MaxInFlight = 4;

    private readonly NodeSubmitter _submitter;
    private readonly string _operation;
    private readonly int _maxEntries;
    private readonly Func<IReadOnlyList<TEntry>, byte[]> _encode;
    private readonly Func<string, string> _refused;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _grouping;

    public GroupCommit(NodeSubmitter submitter, string operation, int maxEntries, Func<IReadOnlyList<TEntry>, byte[]> encode, Func<string, string> refused)
    {
        _submitter = submitter;
        _operation = operation;
        _maxEntries = maxEntries;
        _encode = encode;
        _refused = refused;
        _grouping = Task.Run(GroupAsync);
    }

    /// <summary>
    /// The entry's outcome. A queued entry is committed or refused whether or not its caller still waits
    /// (an access event may so log a read whose caller went away, never the other way round), so there is
    /// no cancellation to watch; the wait is bounded by the submitter's commit timeout and by
    /// <see cref="Dispose"/>.
    /// </summary>
    public Task<EntryOutcome> SubmitAsync(TEntry entry)
    {
        var pending = new Pending(entry);
        return _queue.Writer.TryWrite(pending) ? pending.Outcome.Task : Task.FromResult(Stopped);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            _grouping.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The grouping loop ends by cancellation; what it left queued is failed below.
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Outcome.TrySetResult(Stopped);
        }

        // _stopping and _slots stay undisposed: commits still in flight observe and release them.
    }

    private static EntryOutcome Stopped => new(null, null, ApiProblem.ProducerStopped, "the node is stopping; nothing was committed");

    /// <summary>Takes every entry waiting (up to a transaction's worth) whenever a slot is free, and commits them together.</summary>
    private async Task GroupAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
                var group = new List<Pending>();
                while (group.Count < _maxEntries && reader.TryRead(out var pending))
                {
                    group.Add(pending);
                }

                _ = CommitAsync(group);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: Dispose fails whatever is still queued.
        }
    }

    private async Task CommitAsync(List<Pending> group)
    {
        try
        {
            var payload = _encode([.. group.Select(p => p.Entry)]);
            var (committed, code, detail) = await _submitter.SubmitAsync(_operation, payload, _refused, _stopping.Token).ConfigureAwait(false);
            if (committed is not null)
            {
                foreach (var e in committed.Events)
                {
                    if (e.Attributes.TryGetValue("entry", out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < group.Count)
                    {
                        group[i].Outcome.TrySetResult(new EntryOutcome(committed.TxId, e, string.Empty, string.Empty));
                    }
                }

                (code, detail) = (ApiProblem.InternalError, "the chain did not decide this entry");
            }

            foreach (var pending in group)
            {
                pending.Outcome.TrySetResult(new EntryOutcome(committed?.TxId, null, code, detail));
            }
        }
        catch (Exception failure)
        {
            foreach (var pending in group)
            {
                pending.Outcome.TrySetException(failure);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private sealed record Pending(TEntry Entry)
    {
        public TaskCompletionSource<EntryOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
