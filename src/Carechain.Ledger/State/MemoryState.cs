namespace Carechain.Ledger.State;

/// <summary>
/// State held in memory, remembering which block last wrote each key: what the offline
/// verifier replays into, and what tests execute against.
/// </summary>
public sealed class MemoryState : IStateReader
{
    private readonly Dictionary<byte[], (byte[] Value, long Height)> _entries = new(ByteArrayComparer.Instance);

    public int Count => _entries.Count;

    public byte[]? Get(ReadOnlySpan<byte> key) =>
        _entries.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var entry) ? entry.Value : null;

    public long? LastWriter(byte[] key) => _entries.TryGetValue(key, out var entry) ? entry.Height : null;

    public void Apply(IEnumerable<KeyValuePair<byte[], byte[]?>> writes, long height)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var (key, value) in writes)
        {
            if (value is null)
            {
                _entries.Remove(key);
            }
            else
            {
                _entries[key] = (value, height);
            }
        }
    }
}
