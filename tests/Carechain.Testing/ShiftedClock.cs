namespace Carechain.Testing;

/// <summary>The system clock plus an offset a test moves forward, so expiries can be reached without waiting. Never goes back.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetMs;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetMs, (long)by.TotalMilliseconds);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddMilliseconds(Interlocked.Read(ref _offsetMs));
}
