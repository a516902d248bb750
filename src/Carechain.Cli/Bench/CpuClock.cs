using System.Diagnostics;

namespace Carechain.Cli.Bench;

/// <summary>
/// The CPU time this process spends from a start, on every thread (every member of an in-process
/// consortium, the load generator, the GC). Per transaction it is a cost that a machine shared with
/// other work distorts far less than wall-clock rates.
/// </summary>
internal readonly struct CpuClock
{
    private readonly TimeSpan _start;

    private CpuClock(TimeSpan start) => _start = start;

    public static CpuClock Start() => new(Now());

    /// <summary>Milliseconds of CPU since the start, divided by <paramref name="operations"/>.</summary>
    public double MillisecondsPer(int operations) => (Now() - _start).TotalMilliseconds / Math.Max(1, operations);

    private static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
