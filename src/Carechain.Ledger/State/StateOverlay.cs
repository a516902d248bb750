namespace Carechain.Ledger.State;

/// <summary>
/// Pending writes layered over a reader. A block executes into one overlay, which the store
/// commits atomically.
/// </summary>
public sealed class StateOverlay(IStateReader inner) : IStateReader
{
    private readonly Dictionary<byte[], byte[]?> _writes = new(ByteArrayComparer.Instance);

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        var lookup = _writes.GetAlternateLookup<ReadOnlySpan<byte>>();
        return lookup.TryGetValue(key, out var value) ? value : inner.Get(key);
    }

    public void Set(byte[] key, byte[]? value) => _writes[key] = value;

    /// <summary>The writes in byte order of their keys: the order the state commitment hashes them in.</summary>
    public IReadOnlyList<KeyValuePair<byte[], byte[]?>> SortedWrites()
    {
        var list = _writes.ToList();
        list.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        return list;
    }
}
