namespace Carechain.Consensus.Tests;

/// <summary>
/// Records what one member delivered, in delivery order, and fails the test on any delivery that
/// is not strictly after the previous one (a duplicate or an out-of-order entry).
/// </summary>
public sealed class DeliveryLog
{
    private readonly Lock gate = new();
    private readonly List<(long Index, byte[] Entry)> entries = [];

    public ValueTask RecordAsync(long index, ReadOnlyMemory<byte> entry, CancellationToken token)
    {
        lock (gate)
        {
            if (entries.Count > 0 && index <= entries[^1].Index)
                throw new InvalidOperationException($"index {index} delivered after {entries[^1].Index}");
            entries.Add((index, entry.ToArray()));
        }

        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<(long Index, byte[] Entry)> Snapshot()
    {
        lock (gate)
            return [.. entries];
    }

    public long LastIndex
    {
        get
        {
            lock (gate)
                return entries.Count == 0 ? 0 : entries[^1].Index;
        }
    }

    /// <summary>Waits (generously) until an entry at or above <paramref name="index"/> was delivered.</summary>
    public async Task WaitForIndexAsync(long index, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (LastIndex < index)
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"index {index} not delivered within {timeout}; last is {LastIndex}");
            }
        }
    }
}
