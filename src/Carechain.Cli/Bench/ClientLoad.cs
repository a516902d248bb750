using System.Diagnostics;

namespace Carechain.Cli.Bench;

/// <summary>
/// Closed-loop load from concurrent clients, each waiting for its answer before its next call, and
/// what it cost: calls per second, round-trip percentiles, and the process's CPU time per call. The
/// bench's clients run in the node's process, so that CPU is the node's and the load generator's
/// together; <c>bench records</c> reports the baseline's CPU per call beside it, which is the share
/// an HTTP round trip with its client costs.
/// </summary>
internal static class ClientLoad
{
    public static async Task<LoadFigures> RunAsync(int count, int clients, Func<int, Task> call)
    {
        var latencies = new double[count];
        var next = -1;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                await call(i).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }))).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        return new LoadFigures(count / elapsed.TotalSeconds, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99), cpu.TotalMilliseconds / count);
    }
}
