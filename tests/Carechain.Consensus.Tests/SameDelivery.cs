namespace Carechain.Consensus.Tests;

/// <summary>Two deliveries are the same when they have the same index and the same bytes.</summary>
public sealed class SameDelivery : IEqualityComparer<(long Index, byte[] Entry)>
{
    public static readonly SameDelivery Instance = new();

    public bool Equals((long Index, byte[] Entry) x, (long Index, byte[] Entry) y)
        => x.Index == y.Index && x.Entry.AsSpan().SequenceEqual(y.Entry);

    public int GetHashCode((long Index, byte[] Entry) obj) => obj.Index.GetHashCode();
}
